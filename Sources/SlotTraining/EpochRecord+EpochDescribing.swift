import SlotModel

extension EpochRecord: EpochDescribing {}
