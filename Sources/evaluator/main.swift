print("evaluator: not built yet")
