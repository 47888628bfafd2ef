import CPlatform

/// glibc's allocator tuned for a stage that builds and frees millions of small blocks (the plan
/// documents): see `comp_use_small_block_bins` and `comp_release_free_memory` in CPlatform. Does
/// nothing where there is no glibc.
enum MallocTuning {
    /// Runs `body` with glibc's fast bins for small blocks off, then turns them back on and hands
    /// the memory the stage's threads freed back to the system.
    static func forManySmallBlocks<Value>(_ body: () throws -> Value) rethrows -> Value {
        comp_use_small_block_bins(false)
        defer {
            comp_use_small_block_bins(true)
            comp_release_free_memory()
        }
        return try body()
    }
}
