// The memory of checkpoints, kept by pages shared between them and with the
// live memory (copy on write).
//
// The real machine's memory is cut into 4 KiB pages. A PageTable is the
// whole memory at one checkpoint: for each page, a page of the pool or the
// zero page (which costs nothing). Tables are two-level, chunks of 256 pages
// (1 MiB of memory); pages and chunks are shared between tables.
//
// A pool page is either a copy (4 KiB held) or an *alias* of a live page:
// "the same bytes as live page p now", which holds nothing. A new table
// aliases the pages written since the previous one; the first write to a
// live page that tables alias copies the page first (the memory_written
// hooks come before the store), so the alias becomes a copy of the old
// bytes. So a page version costs memory only once it is overwritten, and
// nothing at all when it is zero: a checkpoint costs what the program
// overwrote since, whatever the memory size.
//
// The live memory is followed too: its *base* is a table it equals except
// for the pages marked dirty. Restoring a table writes into the live memory
// only the pages that may differ: the dirty ones and those where the base
// and the table differ. The pre-decoded instructions are never kept: the
// machine rebuilds them on demand, and writing a page through
// World::write_memory forgets its own.
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

    // live: the live memory, whose buffer must stay where it is. The base
    // is all zero, and the pages that are not are dirty.
    explicit MemoryPages(std::span<const uint8_t> live);
    ~MemoryPages();
    MemoryPages(const MemoryPages&) = delete;
    MemoryPages& operator=(const MemoryPages&) = delete;

    // The live memory at `address` is about to be written (it still holds
    // the old bytes): an alias of its page becomes a copy.
    void writing(uint32_t address) {
        uint32_t page = address / kPageBytes;
        if (page >= page_count_) return;
        if (!dirty_[page]) mark_dirty(page);
        if (alias_of_live_[page]) copy_aliased(page);
    }
    // Called before a copy is made, to make room within the budget (the
    // store drops checkpoints); it may free the very alias being copied.
    void on_growth(std::function<void()> make_room) { make_room_ = std::move(make_room); }

    // At most how many bytes snapshot() adds (tables; its pages are aliases).
    uint64_t snapshot_cost() const;
    // A table of the live memory as it is now; it becomes the base.
    Table snapshot();
    // Makes the live memory equal to `table` (writing through `write`); the
    // table becomes the base. Returns the number of pages written.
    size_t restore(Table table, const Writer& write);
    // Makes `table` the base without touching the live memory: the pages
    // where the two differ become dirty. (The store keeps the base among its
    // tables, so that dropping a checkpoint frees its pages.)
    void rebase(const Table& table);
    const Table& base() const { return base_; }

    // Bytes held: copied pages (with spare buffers), chunks, tables, books.
    uint64_t bytes() const;
    uint64_t copied_pages() const;  // held now
    uint64_t copies_made() const;   // so far, freed ones too
    // Frees one buffer kept for reuse; false when there is none.
    bool release_spare();

private:
    uint32_t id(const PageTable& table, uint32_t page) const;
    uint32_t page_length(uint32_t page) const;
    const uint8_t* live_page(uint32_t page) const { return live_.data() + uint64_t{page} * kPageBytes; }
    void mark_dirty(uint32_t page) {
        dirty_[page] = true;
        dirty_list_.push_back(page);
    }
    void clear_dirty();
    void copy_aliased(uint32_t page);
    bool same_bytes(uint32_t id, uint32_t page) const;

    std::span<const uint8_t> live_;
    uint32_t page_count_;
    std::shared_ptr<PagePool> pool_;
    std::vector<uint32_t>& alias_of_live_;  // the pool's: each live page's alias id, or 0
    Table base_;
    std::vector<bool> dirty_;
    std::vector<uint32_t> dirty_list_;
    std::function<void()> make_room_;
};

}  // namespace trapvm::debug
