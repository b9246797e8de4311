import ArgumentParser
import SlotTagger

extension Tokenizer.Mode: ExpressibleByArgument {}
