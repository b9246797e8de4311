// Module SlotVocabulary.
