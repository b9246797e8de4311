// Module SlotModel.
