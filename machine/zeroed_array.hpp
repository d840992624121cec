// A fixed-size array whose elements start as all-zero bytes, allocated with
// calloc: for a large array the operating system hands out zero pages
// lazily, so memory the program never touches costs no time. (A vector
// writes every byte up front: for the default 1 MiB machine and its 2 MiB of
// pre-decoded instructions that was most of trapvm's start-up time.)
// Copies are real copies, so a Machine stays a value (debugger checkpoints).
#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <span>
#include <type_traits>

namespace trapvm {

template <class T> class ZeroedArray {
    static_assert(std::is_trivially_copyable_v<T>, "elements are copied as bytes");

public:
    ZeroedArray() = default;
    explicit ZeroedArray(size_t n) : data_(allocate(n)), size_(n) {}
    ZeroedArray(const ZeroedArray& other) : data_(allocate(other.size_)), size_(other.size_) {
        if (size_) std::memcpy(data_, other.data_, size_ * sizeof(T));
    }
    ZeroedArray(ZeroedArray&& other) noexcept : data_(other.data_), size_(other.size_) {
        other.data_ = nullptr;
        other.size_ = 0;
    }
    ZeroedArray& operator=(ZeroedArray other) noexcept {
        std::swap(data_, other.data_);
        std::swap(size_, other.size_);
        return *this;
    }
    ~ZeroedArray() { std::free(data_); }

    size_t size() const { return size_; }
    T* data() { return data_; }
    const T* data() const { return data_; }
    T& operator[](size_t i) { return data_[i]; }
    const T& operator[](size_t i) const { return data_[i]; }
    T* begin() { return data_; }
    T* end() { return data_ + size_; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }
    operator std::span<const T>() const { return {data_, size_}; }

private:
    static T* allocate(size_t n) {
        if (n == 0) return nullptr;
        void* p = std::calloc(n, sizeof(T));
        if (!p) throw std::bad_alloc();
        return static_cast<T*>(p);
    }

    T* data_ = nullptr;
    size_t size_ = 0;
};

}  // namespace trapvm
