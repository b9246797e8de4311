// Module SlotLayers.
