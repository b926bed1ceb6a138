#pragma once

#include "error.h"

#include <optional>
#include <utility>
#include <variant>

namespace agro {

/// Either a value or an Error. Kept deliberately small: has(), value(), error().
template<class T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const Error &error() const { return std::get<1>(m_data); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

private:
    std::variant<T, Error> m_data;
};

template<> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

/// Return early from a function returning Result<…> when an expression fails.
/// Variadic so that commas inside a lambda argument need no extra parentheses.
#define AGRO_TRY(...)                                                                              \
    do {                                                                                           \
        auto agroTryResult_ = (__VA_ARGS__);                                                       \
        if (!agroTryResult_.ok())                                                                  \
            return agroTryResult_.error();                                                         \
    } while (false)

} // namespace agro
