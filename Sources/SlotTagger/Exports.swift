// The one module a chatbot backend imports: it re-exports the toolkit's public modules.
@_exported import SlotText
@_exported import SlotCorpus
@_exported import SlotVocabulary
@_exported import SlotModel
@_exported import SlotEvaluation
@_exported import SlotValues
@_exported import SlotMath
@_exported import SlotLayers
