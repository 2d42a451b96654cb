#include "interchange/transfer.h"

#include <cerrno>
#include <cstring>

#include "interchange/record_codec.h"
#include "util/csv.h"

namespace tanggap {

ImportStats& ImportStats::operator+=(const ImportStats& o) {
  lines += o.lines;
  inserted += o.inserted;
  updated += o.updated;
  unchanged += o.unchanged;
  rejected += o.rejected;
  return *this;
}

namespace {

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// Problems with one record, as opposed to failures of the store itself.
bool IsRecordProblem(const Status& s) {
  return s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kNotFound;
}

}  // namespace

Result<ImportStats> ImportLines(LineReader* reader, const std::string& source, Store* store,
                                const ImportOptions& options,
                                const std::function<void(const Rejection&)>& on_reject) {
  ImportStats stats;
  RecordParser parser;
  size_t in_batch = 0;
  const size_t batch_size = options.batch_size == 0 ? 1 : options.batch_size;
  auto reject = [&](uint64_t line, std::string reason) {
    ++stats.rejected;
    on_reject(Rejection{source, line, std::move(reason)});
  };
  auto fail = [&](const Status& s) -> Result<ImportStats> {
    store->Rollback();
    return s;
  };
  if (Status s = store->Begin(); !s.ok()) return s;
  LineReader::Line line;
  for (;;) {
    auto more = reader->Next(&line);
    if (!more.ok()) return fail(Status::IOError(source + ": " + more.status().message()));
    if (!*more) break;
    ++stats.lines;
    if (line.too_long) {
      reject(line.number, "line is " + std::to_string(line.length) +
                              " bytes; a record may be at most " + std::to_string(kMaxLineBytes) +
                              " bytes");
      continue;
    }
    if (IsBlank(line.text)) continue;
    auto record = parser.Parse(line.text);
    if (!record.ok()) {
      reject(line.number, record.status().message());
      continue;
    }
    auto outcome = store->Upsert(*record);
    if (!outcome.ok()) {
      if (!IsRecordProblem(outcome.status())) return fail(outcome.status());
      reject(line.number, outcome.status().message());
      continue;
    }
    switch (*outcome) {
      case UpsertOutcome::kInserted:
        ++stats.inserted;
        break;
      case UpsertOutcome::kUpdated:
        ++stats.updated;
        break;
      case UpsertOutcome::kUnchanged:
        ++stats.unchanged;
        break;
    }
    if (++in_batch >= batch_size) {
      if (Status s = store->Commit(); !s.ok()) return fail(s);
      if (Status s = store->Begin(); !s.ok()) return s;
      in_batch = 0;
    }
  }
  if (Status s = store->Commit(); !s.ok()) return fail(s);
  return stats;
}

namespace {

Status Write(std::FILE* out, const std::string& s) {
  if (std::fwrite(s.data(), 1, s.size(), out) != s.size()) {
    return Status::IOError(std::string("cannot write output: ") + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace

Status ExportRecords(Store* store, ExportFormat format, std::FILE* out) {
  std::string buf;
  Status s;
  if (format == ExportFormat::kJsonl) {
    s = store->ForEachRecord([&](const Record& r) {
      AppendRecord(r, &buf);
      buf.push_back('\n');
      if (buf.size() < (1 << 16)) return Status::Ok();
      Status w = Write(out, buf);
      buf.clear();
      return w;
    });
  } else {
    buf = "platform,id,account,created_at,text,url,lang,media,media_without_alt\r\n";
    s = store->ForEachPost([&](const Post& p) {
      int missing_alt = 0;
      for (const Media& m : p.media) missing_alt += !m.alt || m.alt->empty();
      for (std::string_view cell :
           {PlatformName(p.platform), std::string_view(p.id), std::string_view(p.account),
            std::string_view(p.created_at.text), std::string_view(p.text),
            p.url ? std::string_view(*p.url) : std::string_view(),
            p.lang ? std::string_view(*p.lang) : std::string_view()}) {
        AppendCsvCell(&buf, cell);
        buf.push_back(',');
      }
      buf += std::to_string(p.media.size()) + "," + std::to_string(missing_alt) + "\r\n";
      if (buf.size() < (1 << 16)) return Status::Ok();
      Status w = Write(out, buf);
      buf.clear();
      return w;
    });
  }
  if (!s.ok()) return s;
  if (Status w = Write(out, buf); !w.ok()) return w;
  if (std::fflush(out) != 0) {
    return Status::IOError(std::string("cannot write output: ") + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace tanggap
