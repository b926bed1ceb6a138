#pragma once

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <coroutine>
#include <optional>
#include <type_traits>

namespace agro::services {

namespace detail {
/// Awaitable that runs `work` on a thread pool and resumes the awaiting coroutine
/// on the thread that awaited (which must run an event loop): the result is stored first,
/// then a queued call to a helper object living on the awaiting thread resumes it. No
/// QFutureWatcher in between, so there is no window in which the finish can be missed.
template<class F> class WorkerAwaitable {
public:
    using R = std::invoke_result_t<F>;
    WorkerAwaitable(F work, QThreadPool *pool)
        : m_work(std::move(work))
        , m_pool(pool) {}

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> awaiting) {
        auto *home = new QObject; // lives on the awaiting thread
        m_pool->start([this, awaiting, home] {
            m_result.emplace(m_work());
            QMetaObject::invokeMethod(
                home,
                [awaiting, home] {
                    delete home;
                    awaiting.resume();
                },
                Qt::QueuedConnection);
        });
    }
    R await_resume() { return std::move(*m_result); }

private:
    F m_work;
    QThreadPool *m_pool;
    std::optional<R> m_result;
};

/// One thread for edits, so that they commit in the order the person made them (an undo
/// right after a save must not overtake it).
inline QThreadPool *writerPool() {
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(1);
        p->setExpiryTimeout(-1);
        return p;
    }();
    return pool;
}
} // namespace detail

/// Runs `work` on the global thread pool and resumes the awaiting coroutine on its own
/// thread when done. Services use this for everything that touches the disk or computes,
/// so the UI thread never waits on SQLite or numbers.
///
/// The awaitable and the result are named locals on purpose: GCC 12 destroys some
/// temporaries of a `co_return co_await <temporary>` expression twice (GCC PR 99576 and
/// relatives), which corrupts the heap. Keep this shape in every coroutine here.
template<class F> auto onWorker(F work) -> QCoro::Task<std::invoke_result_t<F>> {
    detail::WorkerAwaitable<F> awaitable(std::move(work), QThreadPool::globalInstance());
    std::invoke_result_t<F> result = co_await awaitable;
    co_return result;
}

/// Like onWorker, for edits: on a single writer thread, in submission order.
template<class F> auto onWriter(F work) -> QCoro::Task<std::invoke_result_t<F>> {
    detail::WorkerAwaitable<F> awaitable(std::move(work), detail::writerPool());
    std::invoke_result_t<F> result = co_await awaitable;
    co_return result;
}

} // namespace agro::services
