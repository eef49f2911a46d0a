// The cells of a run, unit x job family, stored unit-major ([unit * families + family]) in
// one array: CellGrid<T> is the one place that writes that index. A view, not an owner
// (the arrays live in the run's state); at() is inline, so the hot loops index as before.
#pragma once

#include <cstddef>
#include <type_traits>
#include <vector>

namespace krapte {

/// Index of cell (unit, family) in an array of `families` cells per unit.
constexpr size_t cell_index(int unit, int family, int families) {
  return static_cast<size_t>(unit) * static_cast<size_t>(families) + static_cast<size_t>(family);
}

template <typename T>
class CellGrid {
 public:
  CellGrid() = default;
  CellGrid(T* cells, int families) : cells_(cells), families_(families) {}
  template <typename A>
  CellGrid(std::vector<A>& cells, int families) : cells_(cells.data()), families_(families) {}
  template <typename A>
  CellGrid(const std::vector<A>& cells, int families) : cells_(cells.data()), families_(families) {}
  /// A grid of T converts to a grid of const T.
  template <typename U>
    requires(std::is_same_v<const U, T> && !std::is_same_v<U, T>)
  CellGrid(const CellGrid<U>& other) : cells_(other.data()), families_(other.families()) {}

  T& at(int unit, int family) const { return cells_[cell_index(unit, family, families_)]; }
  /// The first cell of a unit: its families follow in order.
  T* unit(int unit) const { return cells_ + cell_index(unit, 0, families_); }
  size_t index(int unit, int family) const { return cell_index(unit, family, families_); }
  T& operator[](size_t cell) const { return cells_[cell]; }  // by index(), e.g. a stored source cell
  int families() const { return families_; }
  T* data() const { return cells_; }

 private:
  T* cells_ = nullptr;
  int families_ = 0;
};

}  // namespace krapte
