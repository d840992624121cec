// Memory by shared pages, copy on write (see memory_pages.hpp).
#include "debugger/memory_pages.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace trapvm::debug {

namespace {

constexpr uint32_t kPageBytes = MemoryPages::kPageBytes;
constexpr uint32_t kChunkPages = MemoryPages::kChunkPages;
constexpr size_t kMaxSpareBuffers = 256;  // freed copies kept for reuse: 1 MiB
constexpr uint64_t kControlBlock = 32;    // what make_shared adds to an object, about
constexpr uint32_t kNoPage = UINT32_MAX;

const std::array<uint8_t, kPageBytes> kZeroPage{};

bool all_zero(const uint8_t* bytes, uint32_t length) { return std::memcmp(bytes, kZeroPage.data(), length) == 0; }

}  // namespace

// Pages by id, with reference counts: a copy (it holds a buffer) or an alias
// of a live page (it holds nothing). Id 0 is the zero page, never stored.
// Freed buffers are reused: a fresh allocation costs page faults.
class PagePool {
public:
    PagePool(std::span<const uint8_t> live, uint32_t page_count) : alias_of_live(page_count), live_(live), pages_(1) {}

    uint32_t add_alias(uint32_t live_page) {
        uint32_t id = new_id();
        pages_[id].live_page = live_page;
        alias_of_live[live_page] = id;
        return id;
    }
    // The alias becomes a copy of what the live page holds now.
    void materialize(uint32_t id, const uint8_t* bytes, uint32_t length) {
        pages_[id].live_page = kNoPage;
        fill(pages_[id], bytes, length);
    }
    void ref(uint32_t id) {
        if (id) ++pages_[id].refs;
    }
    void unref(uint32_t id) {
        if (!id || --pages_[id].refs > 0) return;
        Page& page = pages_[id];
        if (page.live_page != kNoPage) alias_of_live[page.live_page] = 0;
        page.live_page = kNoPage;
        if (page.buffer) {
            --copies_;
            if (spares_.size() < kMaxSpareBuffers) spares_.push_back(std::move(page.buffer));
            page.buffer.reset();
        }
        free_.push_back(id);
    }
    const uint8_t* data(uint32_t id) const {
        const Page& page = pages_[id];
        if (page.buffer) return page.buffer.get();
        if (page.live_page != kNoPage) return live_.data() + uint64_t{page.live_page} * kPageBytes;
        return kZeroPage.data();
    }
    uint64_t copies() const { return copies_; }
    uint64_t copies_made() const { return copies_made_; }
    bool release_spare() {
        if (spares_.empty()) return false;
        spares_.pop_back();
        return true;
    }
    uint64_t bytes() const {
        return (copies_ + spares_.size()) * kPageBytes + pages_.capacity() * sizeof(Page) +
               (free_.capacity() + alias_of_live.capacity()) * sizeof(uint32_t) +
               spares_.capacity() * sizeof(spares_[0]);
    }

    std::vector<uint32_t> alias_of_live;  // each live page's alias, or 0
    uint64_t chunks = 0;                  // PageChunks alive
    uint64_t tables = 0;                  // PageTables alive
    uint64_t table_slots = 0;             // their chunk pointers

private:
    struct Page {
        std::unique_ptr<uint8_t[]> buffer;
        uint32_t refs = 0;
        uint32_t live_page = kNoPage;
    };
    uint32_t new_id() {
        if (free_.empty()) {
            pages_.emplace_back();
            return static_cast<uint32_t>(pages_.size() - 1);
        }
        uint32_t id = free_.back();
        free_.pop_back();
        return id;
    }
    void fill(Page& page, const uint8_t* bytes, uint32_t length) {
        if (!spares_.empty()) {
            page.buffer = std::move(spares_.back());
            spares_.pop_back();
        } else {
            page.buffer = std::make_unique<uint8_t[]>(kPageBytes);
        }
        ++copies_;
        ++copies_made_;
        std::memcpy(page.buffer.get(), bytes, length);
        std::memset(page.buffer.get() + length, 0, kPageBytes - length);
    }

    std::span<const uint8_t> live_;
    std::vector<Page> pages_;  // [0] unused: the zero page
    std::vector<uint32_t> free_;
    std::vector<std::unique_ptr<uint8_t[]>> spares_;
    uint64_t copies_ = 0;
    uint64_t copies_made_ = 0;
};

// 256 pages (1 MiB of memory); copying one shares its pages.
struct PageChunk {
    explicit PageChunk(std::shared_ptr<PagePool> p) : pool(std::move(p)) { ++pool->chunks; }
    PageChunk(const PageChunk& other) : pool(other.pool), ids(other.ids) {
        ++pool->chunks;
        for (uint32_t id : ids) pool->ref(id);
    }
    PageChunk& operator=(const PageChunk&) = delete;
    ~PageChunk() {
        for (uint32_t id : ids) pool->unref(id);
        --pool->chunks;
    }

    std::shared_ptr<PagePool> pool;
    std::array<uint32_t, kChunkPages> ids{};
};

// The whole memory at one checkpoint; a null chunk is all zero.
struct PageTable {
    PageTable(std::shared_ptr<PagePool> p, size_t chunk_count) : pool(std::move(p)), chunks(chunk_count) { count(); }
    PageTable(const PageTable& other) : pool(other.pool), chunks(other.chunks) { count(); }
    PageTable& operator=(const PageTable&) = delete;
    ~PageTable() {
        --pool->tables;
        pool->table_slots -= chunks.size();
    }
    void count() {
        ++pool->tables;
        pool->table_slots += chunks.size();
    }

    std::shared_ptr<PagePool> pool;
    std::vector<std::shared_ptr<PageChunk>> chunks;
};

MemoryPages::MemoryPages(std::span<const uint8_t> live)
    : live_(live),
      page_count_(static_cast<uint32_t>((live.size() + kPageBytes - 1) / kPageBytes)),
      pool_(std::make_shared<PagePool>(live, page_count_)),
      alias_of_live_(pool_->alias_of_live),
      dirty_(page_count_) {
    base_ = std::make_shared<PageTable>(pool_, (page_count_ + kChunkPages - 1) / kChunkPages);
    for (uint32_t page = 0; page < page_count_; ++page)
        if (!all_zero(live_page(page), page_length(page))) mark_dirty(page);
}

MemoryPages::~MemoryPages() = default;

uint32_t MemoryPages::page_length(uint32_t page) const {
    return static_cast<uint32_t>(std::min<uint64_t>(kPageBytes, live_.size() - uint64_t{page} * kPageBytes));
}

uint32_t MemoryPages::id(const PageTable& table, uint32_t page) const {
    const std::shared_ptr<PageChunk>& chunk = table.chunks[page / kChunkPages];
    return chunk ? chunk->ids[page % kChunkPages] : 0;
}

bool MemoryPages::same_bytes(uint32_t id, uint32_t page) const {
    return std::memcmp(pool_->data(id), live_page(page), page_length(page)) == 0;
}

void MemoryPages::clear_dirty() {
    for (uint32_t page : dirty_list_) dirty_[page] = false;
    dirty_list_.clear();
}

// Before the first write to a live page that tables alias: they keep a
// copy of the old bytes. Making room may drop every table that aliased it.
void MemoryPages::copy_aliased(uint32_t page) {
    if (make_room_) make_room_();
    uint32_t alias = alias_of_live_[page];
    if (!alias) return;
    alias_of_live_[page] = 0;
    pool_->materialize(alias, live_page(page), page_length(page));
}

uint64_t MemoryPages::snapshot_cost() const {
    uint64_t chunks = std::min<uint64_t>(dirty_list_.size(), base_->chunks.size());
    return chunks * (sizeof(PageChunk) + kControlBlock) + sizeof(PageTable) + kControlBlock +
           base_->chunks.size() * sizeof(base_->chunks[0]);
}

MemoryPages::Table MemoryPages::snapshot() {
    auto table = std::make_shared<PageTable>(*base_);  // shares every chunk of the base
    for (uint32_t page : dirty_list_) {
        uint32_t old = id(*base_, page), fresh;
        if (alias_of_live_[page]) fresh = alias_of_live_[page];  // dirty by a rebase: still those bytes
        else if (same_bytes(old, page)) continue;                // written, not changed
        else if (all_zero(live_page(page), page_length(page))) fresh = 0;
        else fresh = pool_->add_alias(page);
        if (fresh == old) continue;
        std::shared_ptr<PageChunk>& chunk = table->chunks[page / kChunkPages];
        if (!chunk) chunk = std::make_shared<PageChunk>(pool_);
        else if (chunk.use_count() > 1) chunk = std::make_shared<PageChunk>(*chunk);  // copy on write
        uint32_t& entry = chunk->ids[page % kChunkPages];
        pool_->ref(fresh);
        pool_->unref(entry);
        entry = fresh;
    }
    clear_dirty();
    base_ = table;
    return table;
}

// The pages to write are chosen first: making room while copying an alias
// may drop checkpoints, the target's too (`table` is held here) and the base.
size_t MemoryPages::restore(Table table, const Writer& write) {
    std::vector<uint32_t> pages = dirty_list_;
    for (size_t c = 0; c < table->chunks.size(); ++c) {
        if (base_->chunks[c] == table->chunks[c]) continue;  // shared: the same pages
        uint32_t first = static_cast<uint32_t>(c) * kChunkPages;
        for (uint32_t page = first; page < first + kChunkPages && page < page_count_; ++page)
            if (!dirty_[page] && id(*base_, page) != id(*table, page)) pages.push_back(page);
    }
    clear_dirty();
    base_ = table;
    size_t written = 0;
    for (uint32_t page : pages) {
        uint32_t wanted = id(*table, page);
        if (wanted && wanted == alias_of_live_[page]) continue;  // the live page is those bytes
        if (alias_of_live_[page]) copy_aliased(page);
        write(page * kPageBytes, {pool_->data(wanted), page_length(page)});
        ++written;
    }
    return written;
}

void MemoryPages::rebase(const Table& table) {
    for (size_t c = 0; c < table->chunks.size(); ++c) {
        if (base_->chunks[c] == table->chunks[c]) continue;
        uint32_t first = static_cast<uint32_t>(c) * kChunkPages;
        for (uint32_t page = first; page < first + kChunkPages && page < page_count_; ++page)
            if (!dirty_[page] && id(*base_, page) != id(*table, page)) mark_dirty(page);
    }
    base_ = table;
}

uint64_t MemoryPages::bytes() const {
    return pool_->bytes() + pool_->chunks * (sizeof(PageChunk) + kControlBlock) +
           pool_->tables * (sizeof(PageTable) + kControlBlock) + pool_->table_slots * sizeof(base_->chunks[0]) +
           dirty_.capacity() / 8 + dirty_list_.capacity() * sizeof(uint32_t);
}

uint64_t MemoryPages::copied_pages() const { return pool_->copies(); }
uint64_t MemoryPages::copies_made() const { return pool_->copies_made(); }

bool MemoryPages::release_spare() { return pool_->release_spare(); }

}  // namespace trapvm::debug
