public enum SlotTestSupport {}
