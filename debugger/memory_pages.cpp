// Memory by shared pages (see memory_pages.hpp).
#include "debugger/memory_pages.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace trapvm::debug {

namespace {

constexpr uint32_t kPageBytes = MemoryPages::kPageBytes;
constexpr uint32_t kChunkPages = MemoryPages::kChunkPages;
constexpr size_t kMaxSpareBuffers = 256;  // freed pages kept for reuse: 1 MiB
constexpr uint64_t kControlBlock = 32;    // what make_shared adds to an object, about

const std::array<uint8_t, kPageBytes> kZeroPage{};

bool all_zero(const uint8_t* bytes, uint32_t length) { return std::memcmp(bytes, kZeroPage.data(), length) == 0; }

}  // namespace

// Page buffers by id, with reference counts; id 0 is the zero page, never
// stored. Freed buffers are reused (a fresh allocation costs page faults).
class PagePool {
public:
    PagePool() : data_(1), refs_(1) {}
    uint32_t add(const uint8_t* bytes, uint32_t length) {
        uint32_t id;
        if (!free_.empty()) {
            id = free_.back();
            free_.pop_back();
        } else {
            id = static_cast<uint32_t>(data_.size());
            data_.emplace_back();
            refs_.push_back(0);
        }
        if (!data_[id]) {
            data_[id] = std::make_unique<uint8_t[]>(kPageBytes);
            ++buffers_;
        }
        std::memcpy(data_[id].get(), bytes, length);
        std::memset(data_[id].get() + length, 0, kPageBytes - length);
        refs_[id] = 1;
        ++in_use_;
        return id;
    }
    void ref(uint32_t id) {
        if (id) ++refs_[id];
    }
    void unref(uint32_t id) {
        if (!id || --refs_[id] > 0) return;
        --in_use_;
        if (free_.size() >= kMaxSpareBuffers) {
            data_[id].reset();
            --buffers_;
        }
        free_.push_back(id);
    }
    const uint8_t* data(uint32_t id) const { return id ? data_[id].get() : kZeroPage.data(); }
    uint64_t in_use() const { return in_use_; }
    uint64_t bytes() const {
        return buffers_ * kPageBytes + data_.capacity() * sizeof(data_[0]) + refs_.capacity() * sizeof(uint32_t) +
               free_.capacity() * sizeof(uint32_t);
    }

    uint64_t chunks = 0;       // PageChunks alive
    uint64_t tables = 0;       // PageTables alive
    uint64_t table_slots = 0;  // their chunk pointers

private:
    std::vector<std::unique_ptr<uint8_t[]>> data_;  // [0] unused: the zero page
    std::vector<uint32_t> refs_;
    std::vector<uint32_t> free_;
    uint64_t buffers_ = 0;
    uint64_t in_use_ = 0;
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

MemoryPages::MemoryPages(std::span<const uint8_t> memory)
    : pool_(std::make_shared<PagePool>()),
      memory_size_(static_cast<uint32_t>(memory.size())),
      page_count_((memory_size_ + kPageBytes - 1) / kPageBytes),
      dirty_(page_count_) {
    base_ = std::make_shared<PageTable>(pool_, (page_count_ + kChunkPages - 1) / kChunkPages);
    for (uint32_t page = 0; page < page_count_; ++page)  // all zero in the base: the rest may not be
        if (!all_zero(memory.data() + uint64_t{page} * kPageBytes, page_length(page))) written(page * kPageBytes);
}

MemoryPages::~MemoryPages() = default;

uint32_t MemoryPages::page_length(uint32_t page) const {
    uint64_t start = uint64_t{page} * kPageBytes;
    return static_cast<uint32_t>(std::min<uint64_t>(kPageBytes, memory_size_ - start));
}

uint32_t MemoryPages::id(const PageTable& table, uint32_t page) const {
    const std::shared_ptr<PageChunk>& chunk = table.chunks[page / kChunkPages];
    return chunk ? chunk->ids[page % kChunkPages] : 0;
}

void MemoryPages::clear_dirty() {
    for (uint32_t page : dirty_list_) dirty_[page] = false;
    dirty_list_.clear();
}

uint64_t MemoryPages::snapshot_cost() const {
    uint64_t chunks = std::min<uint64_t>(dirty_list_.size(), base_->chunks.size());
    return dirty_list_.size() * kPageBytes + chunks * (sizeof(PageChunk) + kControlBlock) + sizeof(PageTable) +
           kControlBlock + base_->chunks.size() * sizeof(base_->chunks[0]);
}

MemoryPages::Table MemoryPages::snapshot(std::span<const uint8_t> memory) {
    auto table = std::make_shared<PageTable>(*base_);  // shares every chunk of the base
    for (uint32_t page : dirty_list_) {
        const uint8_t* live = memory.data() + uint64_t{page} * kPageBytes;
        uint32_t length = page_length(page);
        if (std::memcmp(pool_->data(id(*base_, page)), live, length) == 0) continue;  // written, not changed
        std::shared_ptr<PageChunk>& chunk = table->chunks[page / kChunkPages];
        if (!chunk) chunk = std::make_shared<PageChunk>(pool_);
        else if (chunk.use_count() > 1) chunk = std::make_shared<PageChunk>(*chunk);  // copy on write
        uint32_t& entry = chunk->ids[page % kChunkPages];
        pool_->unref(entry);
        entry = all_zero(live, length) ? 0 : pool_->add(live, length);
    }
    clear_dirty();
    base_ = table;
    return table;
}

size_t MemoryPages::restore(const Table& table, const Writer& write) {
    size_t pages = 0;
    auto put = [&](uint32_t page) {
        write(page * kPageBytes, {pool_->data(id(*table, page)), page_length(page)});
        ++pages;
    };
    for (uint32_t page : dirty_list_) put(page);
    for (size_t c = 0; c < table->chunks.size(); ++c) {
        if (base_->chunks[c] == table->chunks[c]) continue;  // shared: the same pages
        uint32_t first = static_cast<uint32_t>(c) * kChunkPages;
        for (uint32_t page = first; page < first + kChunkPages && page < page_count_; ++page)
            if (!dirty_[page] && id(*base_, page) != id(*table, page)) put(page);
    }
    clear_dirty();
    base_ = table;
    return pages;
}

void MemoryPages::rebase(const Table& table) {
    for (size_t c = 0; c < table->chunks.size(); ++c) {
        if (base_->chunks[c] == table->chunks[c]) continue;
        uint32_t first = static_cast<uint32_t>(c) * kChunkPages;
        for (uint32_t page = first; page < first + kChunkPages && page < page_count_; ++page)
            if (id(*base_, page) != id(*table, page)) written(page * kPageBytes);
    }
    base_ = table;
}

uint64_t MemoryPages::bytes() const {
    return pool_->bytes() + pool_->chunks * (sizeof(PageChunk) + kControlBlock) +
           pool_->tables * (sizeof(PageTable) + kControlBlock) + pool_->table_slots * sizeof(base_->chunks[0]) +
           dirty_.capacity() / 8 + dirty_list_.capacity() * sizeof(uint32_t);
}

uint64_t MemoryPages::pages_held() const { return pool_->in_use(); }

}  // namespace trapvm::debug
