// The one module a chatbot backend imports: it re-exports the modules whose
// public declarations make up the product (tokenizer, corpora, the tagger and
// its results, evaluation reports, training a model (`TrainingJob`), the error
// of a file or stream that cannot be read or written). Everything else in those modules, and the
// numeric and layer modules entirely, has `package` access: shared between the
// package's own targets, invisible to clients.
@_exported import SlotText
@_exported import SlotIO
@_exported import SlotCorpus
@_exported import SlotVocabulary
@_exported import SlotModel
@_exported import SlotEvaluation
@_exported import SlotValues
@_exported import SlotTraining
