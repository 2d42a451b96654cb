// Bulk records for benchmarks and crash tests: realistic sizes, no meaning.
#include <algorithm>
#include <string>

#include "demo/demo_data.h"
#include "util/time.h"

namespace tanggap {
namespace {

uint64_t SplitMix(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr const char* kWords[] = {
    "layanan",   "warga",     "Pangkalpinang", "jadwal",    "kantor",      "pukul",   "WIB",
    "informasi", "mohon",     "terima",        "kasih",     "hari",        "Senin",   "jalan",
    "perbaikan", "vaksinasi", "posyandu",      "KTP-el",    "pendaftaran", "gratis",  "syarat",
    "membawa",   "kelurahan", "kecamatan",     "banjir",    "hujan",       "petugas", "segera",
    "tanggal",   "lokasi",    "bersama",       "masyarakat"};
constexpr int kWordCount = sizeof kWords / sizeof kWords[0];

std::string Words(uint64_t* rng, size_t target_bytes) {
  std::string s;
  while (s.size() < target_bytes) {
    if (!s.empty()) s.push_back(' ');
    s += kWords[SplitMix(rng) % kWordCount];
  }
  return s;
}

}  // namespace

void GenerateLoadData(uint64_t records, uint64_t seed,
                      const std::function<void(const Record&)>& sink, int replies_per_post) {
  const int n = std::clamp(replies_per_post, 1, 1000);
  uint64_t rng = seed;
  constexpr int kAccounts = 3;
  const int64_t start = 1767200400;  // 2026-01-01T00:00:00+07:00
  uint64_t emitted = 0;
  for (int a = 0; a < kAccounts && emitted < records; ++a, ++emitted) {
    sink(Account{Platform::kMastodon, "load-account-" + std::to_string(a),
                 "load" + std::to_string(a), "Load Test " + std::to_string(a),
                 "Agency " + std::to_string(a % 2), 1000 + a});
  }
  uint64_t post_no = 0, reply_no = 0;
  while (emitted < records) {
    int64_t t = start + static_cast<int64_t>(post_no) * 60;
    Post p;
    p.platform = Platform::kMastodon;
    p.id = "load-post-" + std::to_string(post_no);
    p.account = "load-account-" + std::to_string(post_no % kAccounts);
    p.created_at = {FormatRfc3339(t, 420), t};
    p.text = Words(&rng, 500);
    p.url = "https://mastodon.example/@load/" + std::to_string(post_no);
    p.media.push_back({"image",
                       (post_no % 3) ? std::optional<std::string>("foto kegiatan") : std::nullopt,
                       std::nullopt});
    p.lang = "id";
    sink(p);
    ++emitted;
    for (int r = 0; r < n && emitted < records; ++r, ++emitted, ++reply_no) {
      int64_t rt = t + 30 + r * 7;
      Reply reply;
      reply.platform = Platform::kMastodon;
      reply.id = "load-reply-" + std::to_string(reply_no);
      reply.post = p.id;
      // The agency's reply (the last) answers the second-to-last citizen,
      // so the analysis has questions to pair.
      const bool agency = n > 1 && r == n - 1;
      if (agency) {
        if (r >= 2) reply.parent = "load-reply-" + std::to_string(reply_no - 2);
      } else if (r % 2) {
        reply.parent = "load-reply-" + std::to_string(reply_no - 1);
      }
      reply.author_id = agency ? p.account : "citizen-" + std::to_string(SplitMix(&rng) % 50000);
      reply.author = "warga" + std::to_string(reply_no % 997);
      reply.created_at = {FormatRfc3339(rt, 420), rt};
      reply.text = Words(&rng, 120);
      sink(reply);
    }
    ++post_no;
  }
}

}  // namespace tanggap
