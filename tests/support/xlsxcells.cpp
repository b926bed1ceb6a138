#include "xlsxcells.h"

#include <QFile>
#include <QXmlStreamReader>

#include <zlib.h>

#include <cstring>

namespace agro::test {

namespace {
quint32 u32(const QByteArray &b, qsizetype at) {
    if (at < 0 || at + 4 > b.size())
        return 0;
    const auto *p = reinterpret_cast<const unsigned char *>(b.constData() + at);
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
}
quint16 u16(const QByteArray &b, qsizetype at) {
    if (at < 0 || at + 2 > b.size())
        return 0;
    const auto *p = reinterpret_cast<const unsigned char *>(b.constData() + at);
    return quint16(p[0] | p[1] << 8);
}

std::optional<QByteArray> inflateRaw(const QByteArray &in, qsizetype outSize) {
    QByteArray out(outSize, Qt::Uninitialized);
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
        return std::nullopt;
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    zs.avail_in = uInt(in.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = inflate(&zs, Z_FINISH);
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    return out;
}

/// "B12" → (11, 1).
std::pair<int, int> cellRef(QStringView ref) {
    int col = 0, i = 0;
    while (i < ref.size() && ref[i].isLetter())
        col = col * 26 + (ref[i++].toUpper().unicode() - 'A' + 1);
    return {ref.mid(i).toInt() - 1, col - 1};
}
} // namespace

std::optional<QByteArray> zipEntry(const QByteArray &zip, const QString &name) {
    // The end of central directory record is in the last 64 KB + 22 bytes.
    qsizetype eocd = -1;
    for (qsizetype i = zip.size() - 22; i >= 0 && i >= zip.size() - 65557; --i)
        if (u32(zip, i) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd < 0)
        return std::nullopt;
    const int entries = u16(zip, eocd + 10);
    qsizetype at = qsizetype(u32(zip, eocd + 16));
    const QByteArray wanted = name.toUtf8();
    for (int e = 0; e < entries; ++e) {
        if (u32(zip, at) != 0x02014b50)
            return std::nullopt;
        const int method = u16(zip, at + 10);
        qsizetype compressed = qsizetype(u32(zip, at + 20));
        qsizetype size = qsizetype(u32(zip, at + 24));
        const int nameLen = u16(zip, at + 28), extraLen = u16(zip, at + 30),
                  commentLen = u16(zip, at + 32);
        qsizetype local = qsizetype(u32(zip, at + 42));
        const QByteArray entry = zip.mid(at + 46, nameLen);
        // ZIP64: sizes and offset of 0xFFFFFFFF are in the extra field (header id 1).
        if (u32(zip, at + 20) == 0xffffffffu || u32(zip, at + 24) == 0xffffffffu ||
            u32(zip, at + 42) == 0xffffffffu) {
            qsizetype x = at + 46 + nameLen;
            const qsizetype xEnd = x + extraLen;
            while (x + 4 <= xEnd) {
                const int id = u16(zip, x), len = u16(zip, x + 2);
                if (id == 1) {
                    qsizetype f = x + 4;
                    auto u64 = [&](qsizetype p) {
                        return qsizetype(u32(zip, p)) | qsizetype(u32(zip, p + 4)) << 32;
                    };
                    if (u32(zip, at + 24) == 0xffffffffu) {
                        size = u64(f);
                        f += 8;
                    }
                    if (u32(zip, at + 20) == 0xffffffffu) {
                        compressed = u64(f);
                        f += 8;
                    }
                    if (u32(zip, at + 42) == 0xffffffffu)
                        local = u64(f);
                }
                x += 4 + len;
            }
        }
        if (entry == wanted) {
            if (u32(zip, local) != 0x04034b50)
                return std::nullopt;
            const qsizetype data = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
            const QByteArray raw = zip.mid(data, compressed);
            if (method == 0)
                return raw;
            if (method == 8)
                return inflateRaw(raw, size);
            return std::nullopt;
        }
        at += 46 + nameLen + extraLen + commentLen;
    }
    return std::nullopt;
}

std::optional<std::vector<XlsxSheet>> readXlsx(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray zip = f.readAll();
    QStringList shared;
    if (auto s = zipEntry(zip, QStringLiteral("xl/sharedStrings.xml"))) {
        QXmlStreamReader x(*s);
        QString current;
        bool inSi = false;
        while (!x.atEnd()) {
            x.readNext();
            if (x.isStartElement() && x.name() == QLatin1String("si")) {
                inSi = true;
                current.clear();
            } else if (x.isStartElement() && x.name() == QLatin1String("t") && inSi) {
                current += x.readElementText();
            } else if (x.isEndElement() && x.name() == QLatin1String("si")) {
                shared << current;
                inSi = false;
            }
        }
    }
    auto workbook = zipEntry(zip, QStringLiteral("xl/workbook.xml"));
    if (!workbook)
        return std::nullopt;
    std::vector<XlsxSheet> sheets;
    {
        QXmlStreamReader x(*workbook);
        while (!x.atEnd()) {
            x.readNext();
            if (x.isStartElement() && x.name() == QLatin1String("sheet"))
                sheets.push_back({x.attributes().value(QLatin1String("name")).toString(), {}});
        }
    }
    // libxlsxwriter numbers sheets in workbook order: xl/worksheets/sheetN.xml.
    for (size_t i = 0; i < sheets.size(); ++i) {
        auto xml = zipEntry(zip, QStringLiteral("xl/worksheets/sheet%1.xml").arg(i + 1));
        if (!xml)
            return std::nullopt;
        QXmlStreamReader x(*xml);
        auto &rows = sheets[i].rows;
        int r = -1, c = -1;
        QString type;
        while (!x.atEnd()) {
            x.readNext();
            if (x.isStartElement() && x.name() == QLatin1String("c")) {
                std::tie(r, c) = cellRef(x.attributes().value(QLatin1String("r")));
                type = x.attributes().value(QLatin1String("t")).toString();
            } else if (x.isStartElement() &&
                       (x.name() == QLatin1String("v") || x.name() == QLatin1String("t")) &&
                       r >= 0 && c >= 0) {
                QString v = x.readElementText();
                if (type == QLatin1String("s"))
                    v = shared.value(v.toInt());
                if (rows.size() <= size_t(r))
                    rows.resize(size_t(r) + 1);
                QStringList &row = rows[size_t(r)];
                while (row.size() <= c)
                    row << QString();
                row[c] = v;
            }
        }
    }
    return sheets;
}

} // namespace agro::test
