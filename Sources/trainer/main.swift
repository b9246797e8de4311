print("trainer: not built yet")
