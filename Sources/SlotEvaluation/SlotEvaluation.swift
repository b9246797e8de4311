// Module SlotEvaluation.
