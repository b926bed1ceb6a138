#pragma once

#include "sqlite.h"

#include <map>
#include <string>

namespace agro::store {

/// Prepared statements kept by key for the length of one unit of work, each reset (bindings
/// cleared) before it is handed out again: the Mutator, the sync merger and the bulk-fact
/// applier prepare a statement once however many rows they write. Clear it before the
/// connection's transaction ends (a statement alive at ROLLBACK or close keeps locks).
class StatementCache {
public:
    explicit StatementCache(Connection &db)
        : m_db(&db) {}

    Result<Statement *> get(const std::string &key, const std::string &sql) {
        auto it = m_statements.find(key);
        if (it == m_statements.end()) {
            auto st = m_db->prepare(sql);
            if (!st.ok())
                return st.error();
            it = m_statements.emplace(key, std::move(st).value()).first;
        }
        it->second.reset();
        return &it->second;
    }
    void clear() { m_statements.clear(); }

private:
    Connection *m_db;
    std::map<std::string, Statement> m_statements;
};

} // namespace agro::store
