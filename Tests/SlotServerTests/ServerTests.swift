import Testing

/// Every suite of the HTTP service, run one test at a time: each test starts
/// servers whose handlers tag on Swift's cooperative pool (two threads on a
/// two-core machine), and in a debug build several such tests at once starve
/// each other past their time limits.
@Suite(.serialized)
enum ServerTests {}
