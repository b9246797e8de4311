// Module SlotTraining.
