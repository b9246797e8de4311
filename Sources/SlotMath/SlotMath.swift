// Module SlotMath.
