print("tagger: not built yet")
