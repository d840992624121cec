// The memory of checkpoints, kept by pages shared between them.
//
// The real machine's memory is cut into 4 KiB pages. A PageTable is the
// whole memory at one checkpoint: for each page, a page of the pool, or the
// zero page (which costs nothing). Tables are two-level, chunks of 256 pages
// (1 MiB of memory), and both pages and chunks are shared between tables:
// a new table copies only the pages written since the previous one that
// really changed, and only the chunks holding them. So a checkpoint costs
// what the program wrote since the last one, even at 256 MiB of memory.
//
// The live memory is followed too: its *base* is a table it equals except
// for the pages marked dirty (the debugger's memory_written hooks mark every
// page a store writes). Restoring a table copies into the live memory only
// the pages that may differ from it: the dirty ones, and those where the
// base and the table differ. Nothing else of the live machine is touched.
//
// The pre-decoded instructions are never kept: the machine rebuilds them on
// demand, and writing a page through World::write_memory forgets its own.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace trapvm::debug {

class PagePool;
struct PageTable;

class MemoryPages {
public:
    static constexpr uint32_t kPageBytes = 4096;
    static constexpr uint32_t kChunkPages = 256;
    using Table = std::shared_ptr<const PageTable>;
    using Writer = std::function<void(uint32_t address, std::span<const uint8_t> bytes)>;

    // The base: a table of memory as it is now.
    explicit MemoryPages(std::span<const uint8_t> memory);
    ~MemoryPages();
    MemoryPages(const MemoryPages&) = delete;
    MemoryPages& operator=(const MemoryPages&) = delete;

    // The live memory at `address` was written.
    void written(uint32_t address) {
        uint32_t page = address / kPageBytes;
        if (page >= page_count_ || dirty_[page]) return;
        dirty_[page] = true;
        dirty_list_.push_back(page);
    }
    size_t dirty_pages() const { return dirty_list_.size(); }

    // At most how many bytes snapshot() would add now.
    uint64_t snapshot_cost() const;
    // A table of the live memory as it is now; it becomes the base.
    Table snapshot(std::span<const uint8_t> memory);
    // Makes the live memory equal to `table` (writing through `write`); the
    // table becomes the base. Returns the number of pages written.
    size_t restore(const Table& table, const Writer& write);
    // Makes `table` the base without touching the live memory: the pages
    // where the two differ become dirty. (The store keeps the base among its
    // tables, so that dropping a checkpoint frees its pages.)
    void rebase(const Table& table);
    const Table& base() const { return base_; }

    // Bytes held: pages (with spare buffers), chunks and tables.
    uint64_t bytes() const;
    uint64_t pages_held() const;  // distinct pages in the pool

private:
    uint32_t id(const PageTable& table, uint32_t page) const;
    uint32_t page_length(uint32_t page) const;
    void clear_dirty();

    std::shared_ptr<PagePool> pool_;
    uint32_t memory_size_;
    uint32_t page_count_;
    Table base_;
    std::vector<bool> dirty_;
    std::vector<uint32_t> dirty_list_;
};

}  // namespace trapvm::debug
