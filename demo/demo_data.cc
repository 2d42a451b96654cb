// GenerateDemoData: a believable, deterministic Pangkalpinang dataset.
//
// Layout of this file:
//   1. Randomness and arithmetic that give the same answer on every machine.
//   2. Calendar helpers (WIB, working hours, Indonesian date words).
//   3. Text banks: places, people, post topics per agency, reply phrases.
//   4. Platform-shaped ids and urls.
//   5. The generator: accounts, post plan, post text, threads, metrics.
//
// Everything written here is original text for the demo; no sentence comes
// from recorded data. Flaws (long sentences, undefined acronyms, slang, time
// without zone, capitals, missing alt text, hashtag walls, jargon, template
// replies) are planted on purpose: they are what the trainees learn to spot.
#include "demo/demo_data.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/time.h"

namespace tanggap {
namespace {

// ---------------------------------------------------------------------------
// 1. Randomness. std:: distributions differ between standard libraries, and
// libm's exp/log may differ in the last bit between machines, so only integer
// arithmetic and the four IEEE operations feed the output.

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna), seeded through splitmix64 as they advise.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& s : s_) s = SplitMix64(x);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Modulo bias is below 2^-40 for the small ranges used here.
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool Chance(double p) { return Unit() < p; }
  // Irwin-Hall approximation: mean 0, variance 1, no transcendental calls.
  double Normal() {
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += Unit();
    return sum - 6.0;
  }

  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

// exp() from + - * / only: scale down, Taylor series, square back up.
double Exp(double x) {
  x = std::clamp(x, -30.0, 30.0);
  const double y = x / 1024.0;
  double term = 1.0;
  double sum = 1.0;
  for (int i = 1; i <= 8; ++i) {
    term *= y / i;
    sum += term;
  }
  for (int i = 0; i < 10; ++i) sum *= sum;
  return sum;
}

double LogNormal(Rng& rng, double median, double sigma) {
  return median * Exp(sigma * rng.Normal());
}

int64_t Round(double x) { return static_cast<int64_t>(x < 0 ? x - 0.5 : x + 0.5); }

// ---------------------------------------------------------------------------
// 2. Calendar. Pangkalpinang is on WIB, UTC+7, with no daylight saving.

constexpr int kWibOffsetMinutes = 420;
constexpr int64_t kWib = 7 * 3600;
constexpr int64_t kDay = 86400;

int64_t LocalDay(int64_t unix) {
  const int64_t local = unix + kWib;
  return local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
}
int64_t LocalSecondOfDay(int64_t unix) { return unix + kWib - LocalDay(unix) * kDay; }
// 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday.
int Weekday(int64_t local_day) { return static_cast<int>(((local_day % 7) + 7 + 4) % 7); }
int64_t UnixAt(int64_t local_day, int64_t second_of_day) {
  return local_day * kDay + second_of_day - kWib;
}

constexpr std::array<const char*, 7> kDayNames = {"Minggu", "Senin", "Selasa", "Rabu",
                                                  "Kamis",  "Jumat", "Sabtu"};
constexpr std::array<const char*, 12> kMonthNames = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

Civil CivilOf(int64_t local_day) {
  Civil c{};
  CivilFromDays(local_day, &c.year, &c.month, &c.day);
  return c;
}

// "Kamis, 12 November 2026": the form PUEBI recommends.
std::string LongDate(int64_t local_day) {
  const Civil c = CivilOf(local_day);
  return std::string(kDayNames[Weekday(local_day)]) + ", " + std::to_string(c.day) + " " +
         kMonthNames[c.month - 1] + " " + std::to_string(c.year);
}

// "Senin (9/11/2026)": the news-release habit of government offices.
std::string NewsDate(int64_t local_day) {
  const Civil c = CivilOf(local_day);
  return std::string(kDayNames[Weekday(local_day)]) + " (" + std::to_string(c.day) + "/" +
         std::to_string(c.month) + "/" + std::to_string(c.year) + ")";
}

// "12/11": the terse form that careless posts use.
std::string ShortDate(int64_t local_day) {
  const Civil c = CivilOf(local_day);
  return std::string(kDayNames[Weekday(local_day)]) + " " + std::to_string(c.day) + "/" +
         std::to_string(c.month);
}

std::string Clock(int minutes_of_day) {
  const int h = minutes_of_day / 60;
  const int m = minutes_of_day % 60;
  std::string s;
  s += static_cast<char>('0' + h / 10);
  s += static_cast<char>('0' + h % 10);
  s += '.';
  s += static_cast<char>('0' + m / 10);
  s += static_cast<char>('0' + m % 10);
  return s;
}

// Agency working hours (the defaults in metrics.md): Mon-Thu 07:30-16:00,
// Fri 07:30-16:30 WIB.
bool InWorkingHours(int64_t unix) {
  const int wd = Weekday(LocalDay(unix));
  const int64_t sec = LocalSecondOfDay(unix);
  if (wd == 0 || wd == 6) return false;
  const int64_t close = wd == 5 ? 16 * 3600 + 1800 : 16 * 3600;
  return sec >= 7 * 3600 + 1800 && sec < close;
}

// The first working moment at or after `unix`, plus a little jitter so that
// not every overnight answer lands at 07:30 sharp.
int64_t NextWorkingTime(int64_t unix, Rng& rng) {
  if (InWorkingHours(unix)) return unix;
  int64_t day = LocalDay(unix);
  if (LocalSecondOfDay(unix) >= 7 * 3600 + 1800) ++day;
  while (Weekday(day) == 0 || Weekday(day) == 6) ++day;
  return UnixAt(day, 7 * 3600 + 1800) + rng.Range(300, 7200);
}

// ---------------------------------------------------------------------------
// 3. Text banks.

struct Kelurahan {
  const char* name;
  const char* kecamatan;
};

// The seven kecamatan of Pangkalpinang and a selection of their kelurahan.
constexpr std::array<Kelurahan, 30> kKelurahan = {{
    {"Air Itam", "Bukit Intan"},      {"Bacang", "Bukit Intan"},
    {"Sinar Bulan", "Bukit Intan"},   {"Temberan", "Bukit Intan"},
    {"Semabung Lama", "Bukit Intan"}, {"Gabek Satu", "Gabek"},
    {"Gabek Dua", "Gabek"},           {"Selindung", "Gabek"},
    {"Air Salemba", "Gabek"},         {"Jerambah Gantung", "Gabek"},
    {"Bukit Merapin", "Gerunggang"},  {"Kacang Pedang", "Gerunggang"},
    {"Tua Tunu", "Gerunggang"},       {"Taman Bunga", "Gerunggang"},
    {"Bukit Sari", "Gerunggang"},     {"Bukit Besar", "Girimaya"},
    {"Pasar Padi", "Girimaya"},       {"Semabung Baru", "Girimaya"},
    {"Sriwijaya", "Girimaya"},        {"Ketapang", "Pangkalbalam"},
    {"Rejosari", "Pangkalbalam"},     {"Lontong Pancur", "Pangkalbalam"},
    {"Pasir Garam", "Pangkalbalam"},  {"Masjid Jamik", "Rangkui"},
    {"Parit Lalang", "Rangkui"},      {"Keramat", "Rangkui"},
    {"Bintang", "Rangkui"},           {"Rawa Bangun", "Taman Sari"},
    {"Batin Tikal", "Taman Sari"},    {"Opas Indah", "Taman Sari"},
}};

constexpr std::array<const char*, 9> kStreets = {
    "Jl. Jenderal Sudirman", "Jl. Depati Amir", "Jl. Soekarno-Hatta", "Jl. Mentok",     "Jl. Koba",
    "Jl. Ahmad Yani",        "Jl. Diponegoro",  "Jl. Kampung Melayu", "Jl. Solihin GP",
};

constexpr std::array<const char*, 6> kPlaces = {
    "Alun-Alun Taman Merdeka",
    "Kantor Wali Kota Pangkalpinang",
    "RSUD Depati Hamzah",
    "Kolong Kacang Pedang",
    "Pasar Pagi",
    "Pelabuhan Pangkalbalam",
};

// Name parts for invented citizens; combinations, not real people.
constexpr std::array<const char*, 48> kGivenNames = {
    "rina",  "putri",  "dewi",  "agus",  "hendra", "sri",     "wahyu", "fitri", "andi",  "rahmat",
    "nurul", "siti",   "yuli",  "ferry", "hasan",  "junaidi", "erwin", "dian",  "indah", "mega",
    "ratna", "susan",  "yogi",  "rizky", "bayu",   "anisa",   "eka",   "lina",  "acong", "ahin",
    "amoy",  "meilin", "robby", "yanti", "doni",   "febri",   "ilham", "citra", "novi",  "reza",
    "tiara", "zul",    "asmah", "heri",  "gita",   "arif",    "sandi", "wulan",
};
constexpr std::array<const char*, 24> kSurnames = {
    "saputra", "pratama", "lestari",  "wijaya",    "kurniawan", "hidayat",   "ramadhan", "sari",
    "utami",   "permata", "setiawan", "anggraini", "syahputra", "oktaviani", "gunawan",  "nugroho",
    "tjhin",   "liem",    "fitriani", "maulana",   "yusuf",     "amelia",    "halim",    "susanto",
};
constexpr std::array<const char*, 10> kHandleTails = {"pgk", "bangka", "babel", "88",   "07",
                                                      "717", "_",      "id",    "real", "93"};
constexpr std::array<const char*, 8> kSpamHandles = {
    "promo.pinjol.kilat", "danacepat_cair",   "jasa.followers.murah", "pulsamurah_id",
    "kerja.dari.rumah88", "bisnis_online_ok", "followback.aktif",     "cuan.harian.id",
};

// kEvent is a service announcement people walk in to (posyandu, KTP-el
// keliling): citizens ask it different questions than a road closure.
enum class Kind { kService, kEducation, kCeremonial, kEvent };

// One post topic. Text fields are written mid-sentence (lower-case start
// unless a name), without the final period, so the renderer can use them both
// as stand-alone sentences and inside the bureaucratic run-on sentence.
// Slots: {agency} {tanggal} {waktu} {pukul} {kel} {kec} {jalan} {place} {wa}
//        {hari_ini} {tenggat} {tahun} {tahun_depan}.
struct Topic {
  Kind kind;
  int lead_days;         // how far ahead the announced date lies (0 = same day)
  const char* headline;  // short title
  const char* body;      // the main clear sentence
  const char* extra;     // a second clear sentence: how, what to bring
  const char* purpose;   // what the bureaucratic version says it is "dalam rangka"
  const char* casual;    // the colloquial version, complete with its slang
  const char* shout;     // the sentence careless accounts write in capitals
  const char* alt;       // alt text a careful admin writes for the image
  const char* noun;      // what citizens call the thing in their questions
  const char* tag;       // topic hashtag
};

// A citizen's line and the concrete answer a good admin gives to it.
struct QA {
  const char* text;
  const char* answer;
};

struct Agency {
  const char* name;  // short name (OPD), as in Account::agency
  const char* full;  // full name
  const char* wa;    // invented WhatsApp number
  const char* web;   // plausible site under the city domain
  const char* tag;   // agency hashtag
  std::vector<Topic> topics;
  std::vector<QA> questions;   // agency-specific citizen questions
  std::vector<QA> complaints;  // agency-specific complaints; answer follows the apology
};

// Agencies in a fixed order; indices are used by the account table below.
const std::vector<Agency>& Agencies() {
  static const std::vector<Agency>* const kAgencies = new std::vector<Agency>{
      {
          "Diskominfo",
          "Dinas Komunikasi dan Informatika Kota Pangkalpinang",
          "0812-7801-4410",
          "diskominfo.pangkalpinangkota.go.id",
          "#DiskominfoPangkalpinang",
          {
              {Kind::kService, 2, "Wi-Fi Gratis di Ruang Publik",
               "Wi-Fi gratis dengan nama jaringan PGK-FREE kini tersedia di Alun-Alun Taman "
               "Merdeka "
               "dan Kolong Kacang Pedang setiap hari pukul 06.00–22.00 WIB",
               "setiap perangkat mendapat kuota dua jam per hari dan gangguan dapat dilaporkan ke "
               "WhatsApp {wa}",
               "pemerataan akses internet bagi masyarakat",
               "Nongkrong di Alun-Alun Taman Merdeka makin asik, udah ada Wi-Fi gratis PGK-FREE! "
               "Jatahnya 2 jam per HP per hari ya, jam 6 pagi sampe 10 malem 📶",
               "jaga fasilitas umum milik bersama",
               "Papan informasi Wi-Fi gratis PGK-FREE di Alun-Alun Taman Merdeka, aktif pukul "
               "06.00–22.00 WIB, kuota dua jam per perangkat.",
               "Wi-Fi gratis", "#WiFiGratis"},
              {Kind::kService, 2, "Pemeliharaan Laman Resmi Pemkot",
               "laman resmi pangkalpinangkota.go.id tidak dapat diakses pada {tanggal}, {waktu}, "
               "karena pemeliharaan server",
               "layanan pengaduan tetap berjalan melalui WhatsApp {wa} selama pemeliharaan",
               "peningkatan keandalan layanan informasi publik",
               "Website pemkot lagi maintenance {tanggal} {pukul} ya, sabar dulu. Pengaduan tetap "
               "bisa lewat WA {wa} kok",
               "mohon maaf atas ketidaknyamanannya",
               "Pengumuman: laman pangkalpinangkota.go.id tidak dapat diakses {tanggal}, {waktu}, "
               "karena pemeliharaan server.",
               "website pemkot", "#InfoPangkalpinang"},
              {Kind::kEducation, 0, "Waspada Penipuan Berkas APK",
               "jangan membuka berkas berakhiran .apk yang dikirim lewat WhatsApp dengan judul "
               "undangan, surat tilang, atau tagihan, karena berkas itu dapat mencuri data dan "
               "saldo rekening Anda",
               "bila sudah telanjur memasang, matikan data seluler, hapus aplikasinya, lalu segera "
               "hubungi bank Anda",
               "peningkatan literasi digital dan pencegahan kejahatan siber",
               "Hati2 ya, lagi marak file .apk 'undangan nikah' atau 'surat tilang' di WA. Jgn "
               "dibuka! Itu penipuan, bisa nguras rekening 😱",
               "jangan buka berkas apk dari nomor tidak dikenal",
               "Contoh tangkapan layar pesan WhatsApp penipuan berisi berkas APK berjudul "
               "undangan pernikahan, diberi tanda silang merah.",
               "penipuan APK", "#WaspadaPenipuan"},
              {Kind::kEducation, 0, "Cara Melapor lewat SP4N-LAPOR!",
               "keluhan tentang layanan pemerintah kota dapat disampaikan melalui SP4N-LAPOR! di "
               "lapor.go.id atau WhatsApp {wa}, dan setiap laporan diteruskan ke OPD yang "
               "berwenang",
               "tuliskan kronologi singkat dan lokasi, lalu lampirkan foto agar laporan cepat "
               "ditindaklanjuti",
               "optimalisasi pengelolaan pengaduan pelayanan publik",
               "Ada keluhan soal layanan pemkot? Lapor aja lewat lapor.go.id atau WA {wa}, nanti "
               "langsung diterusin ke OPD terkait 👍",
               "laporan anda dijamin kerahasiaannya",
               "Infografis alur pengaduan: warga menulis laporan di lapor.go.id atau WhatsApp, "
               "Diskominfo memverifikasi, OPD menjawab dalam lima hari kerja.",
               "cara lapor", "#LaporPangkalpinang"},
              {Kind::kCeremonial, 0, "Pelatihan Admin Media Sosial OPD",
               "{agency} menggelar pelatihan penulisan konten media sosial bagi admin OPD di Ruang "
               "Rapat Kantor Wali Kota Pangkalpinang, {hari_ini}",
               "peserta berlatih menulis pengumuman yang singkat, lengkap, dan mudah dibaca warga",
               "peningkatan kapasitas sumber daya manusia pengelola media sosial",
               "Hari ini admin medsos OPD belajar bareng nulis konten yg jelas & gampang dipahami "
               "warga ✍️",
               "asn berakhlak, bangga melayani bangsa",
               "Para admin media sosial OPD mengikuti pelatihan menulis konten di ruang rapat.",
               "pelatihan", "#ASNBerakhlak"},
          },
          {
              // questions, each with the answer a good admin gives
              {"Min, PGK-FREE di Kolong Kacang Pedang kok gak bisa konek?",
               "Mohon maaf atas kendalanya. Kirim lokasi dan jam kejadiannya ke WhatsApp {wa} "
               "agar teknisi kami cek hari ini."},
              {"Password wifi nya apa min?",
               "Jaringan PGK-FREE tidak memakai kata sandi; setelah tersambung, cukup setujui "
               "ketentuan di halaman yang muncul."},
              {"Laporan saya di lapor.go.id belum dijawab, kira-kira berapa lama ya?",
               "Laporan melalui SP4N-LAPOR! dijawab OPD terkait paling lambat lima hari kerja; "
               "status tiket Kakak bisa dipantau di lapor.go.id."},
              {"Kalau dapat pesan APK begitu, lapor ke mana min?",
               "Pesan berisi berkas APK bisa dilaporkan ke aduankonten.id, lalu blokir "
               "nomornya. Jangan dibuka ya."},
          },
          {
              // complaints, each with the concrete step after the apology
              {"Wifi di alun-alun lemot bgt min, gak bisa buka apa-apa",
               "Pada malam Minggu pengguna memang sangat ramai; kami sedang menambah titik "
               "akses di sisi timur alun-alun."},
              {"Website pemkot sering error, mau cek pengumuman aja susah",
               "Server laman sedang kami pindahkan ke pusat data baru agar lebih stabil; "
               "sementara itu pengumuman juga kami unggah di akun ini."},
              {"Sudah lapor lewat WA 2 minggu lalu tapi tidak ada respon sama sekali",
               "Boleh kirim nomor WhatsApp yang Kakak pakai lewat DM? Kami telusuri laporannya "
               "dan kabari hari ini juga."},
          },
      },
      {
          "Dinkes",
          "Dinas Kesehatan Kota Pangkalpinang",
          "0812-7802-1190",
          "dinkes.pangkalpinangkota.go.id",
          "#DinkesPangkalpinang",
          {
              {Kind::kEvent, 4, "Posyandu dan Imunisasi Balita",
               "posyandu di Kelurahan {kel} kembali buka pada {tanggal}, {waktu}, dengan layanan "
               "penimbangan balita, imunisasi dasar lengkap, dan pemberian vitamin A",
               "bawa buku KIA (Kesehatan Ibu dan Anak) agar catatan imunisasi anak tetap lengkap",
               "meningkatkan cakupan imunisasi dasar lengkap pada balita",
               "Bunda2 di {kel}, {tanggal} ada posyandu ya! Timbang, imunisasi, vit A, lengkap "
               "deh. "
               "Jgn lupa bawa buku KIA nya 👶",
               "imunisasi lengkap, anak sehat",
               "Poster jadwal posyandu Kelurahan {kel}: {tanggal}, {waktu}; penimbangan, "
               "imunisasi, "
               "dan vitamin A; bawa buku KIA.",
               "posyandu", "#ImunisasiLengkap"},
              {Kind::kService, 1, "Pengasapan di Kelurahan {kel}",
               "petugas {agency} akan melakukan pengasapan (fogging) di RT yang melaporkan kasus "
               "DBD di Kelurahan {kel} pada {tanggal} mulai {pukul}",
               "warga diminta menutup makanan dan minuman serta membuka pintu rumah selama petugas "
               "bekerja",
               "pengendalian vektor penyakit DBD",
               "Warga {kel}, {tanggal} ada fogging ya {pukul}, tutup makanan & buka pintu aja biar "
               "asapnya masuk. Tapi inget, fogging doang gak cukup, tetep 3M Plus!",
               "fogging bukan satu-satunya cara memberantas nyamuk",
               "Petugas berseragam menyemprotkan asap fogging di gang permukiman Kelurahan {kel}.",
               "fogging", "#CegahDBD"},
              {Kind::kEducation, 0, "Cegah DBD dengan 3M Plus",
               "musim hujan sudah tiba, jadi lakukan 3M Plus di rumah: menguras tempat penampungan "
               "air, menutup wadah air, dan mendaur ulang barang bekas, ditambah memakai losion "
               "antinyamuk",
               "jika anggota keluarga demam tinggi lebih dari dua hari, segera periksa ke "
               "puskesmas "
               "terdekat atau RSUD Depati Hamzah",
               "pencegahan dan pengendalian penyakit DBD",
               "Musim hujan = musim nyamuk! Yuk 3M Plus: kuras, tutup, daur ulang + losion "
               "antinyamuk. Demam tinggi >2 hari? langsung ke puskesmas aja ya, jgn ditunda",
               "demam tinggi lebih dari dua hari segera ke puskesmas",
               "Infografis 3M Plus: menguras bak mandi, menutup tempayan, mendaur ulang botol "
               "bekas, dan memakai losion antinyamuk.",
               "DBD", "#CegahDBD"},
              {Kind::kService, 0, "Cek Kesehatan Gratis",
               "program Cek Kesehatan Gratis dapat diikuti di seluruh puskesmas di Pangkalpinang "
               "setiap hari kerja, {waktu}, bagi warga yang berulang tahun bulan ini",
               "daftar lebih dulu melalui aplikasi SATUSEHAT Mobile, lalu datang ke puskesmas "
               "sesuai "
               "domisili dengan membawa KTP-el",
               "mewujudkan deteksi dini penyakit tidak menular",
               "Lagi ultah bulan ini? Ada kado cek kesehatan gratis di puskesmas! Daftar dulu di "
               "SATUSEHAT Mobile trs dateng bawa KTP ya 🎂",
               "gratis, tidak dipungut biaya apa pun",
               "Poster Cek Kesehatan Gratis: daftar lewat SATUSEHAT Mobile, datang ke puskesmas "
               "domisili, bawa KTP-el.",
               "cek kesehatan gratis", "#CekKesehatanGratis"},
              {Kind::kEducation, 0, "Waspada Diare Setelah Banjir",
               "setelah banjir, rebus air minum sampai mendidih, cuci tangan pakai sabun, dan "
               "buang "
               "makanan yang sempat terendam air",
               "bila anak diare lebih dari tiga kali sehari, beri oralit dan segera bawa ke "
               "puskesmas",
               "pencegahan penyakit pascabencana banjir",
               "Abis banjir jgn sembarangan minum air ya, rebus dulu sampe mendidih. Anak diare? "
               "kasih oralit & langsung ke puskesmas aja",
               "jangan konsumsi makanan yang terendam air banjir",
               "Infografis pencegahan diare setelah banjir: merebus air, mencuci tangan, membuang "
               "makanan yang terendam.",
               "diare", "#HidupSehat"},
          },
          {
              // questions, each with the answer a good admin gives
              {"Imunisasi di posyandu bayar gak min?",
               "Imunisasi di posyandu dan puskesmas gratis. Cukup membawa buku KIA si kecil."},
              {"Kak, anak saya umur 2 tahun belum lengkap imunisasinya, masih bisa dikejar?",
               "Imunisasi yang tertinggal masih bisa dikejar. Silakan datang ke posyandu atau "
               "puskesmas terdekat, petugas akan menyusun jadwal kejarnya."},
              {"RT kami ada yang kena DBD, cara minta fogging gimana ya?",
               "Ketua RT dapat melapor ke puskesmas setempat setelah kasus DBD terkonfirmasi; "
               "petugas akan memeriksa lokasi dulu dalam 1x24 jam sebelum fogging."},
              {"Cek kesehatan gratis harus di puskesmas sesuai KTP atau boleh di mana saja?",
               "Cek Kesehatan Gratis dilayani di puskesmas sesuai domisili. Daftar dulu lewat "
               "SATUSEHAT Mobile, lalu datang membawa KTP-el."},
          },
          {
              // complaints, each with the concrete step after the apology
              {"Sudah lapor ada yang kena DBD dari minggu lalu, tapi belum ada fogging sama "
               "sekali",
               "Kami sudah menghubungi puskesmas wilayah Kakak; petugas akan memeriksa jentik "
               "di lingkungan RT besok pagi sebelum fogging dijadwalkan."},
              {"Antre di puskesmas lama sekali, dari jam 7 baru dipanggil jam 11",
               "Masukan ini kami teruskan ke kepala puskesmas. Mulai bulan depan pendaftaran "
               "bisa lewat WhatsApp agar waktu tunggu lebih pendek."},
              {"Aplikasi SATUSEHAT error terus min, gak bisa daftar",
               "Bila aplikasi bermasalah, Kakak tetap bisa datang langsung; petugas puskesmas "
               "akan mendaftarkan di tempat dengan KTP-el."},
          },
      },
      {
          "Disdukcapil",
          "Dinas Kependudukan dan Pencatatan Sipil Kota Pangkalpinang",
          "0812-7803-3021",
          "disdukcapil.pangkalpinangkota.go.id",
          "#DukcapilPangkalpinang",
          {
              {Kind::kEvent, 4, "Layanan KTP-el Keliling",
               "{agency} membuka layanan perekaman KTP-el keliling di Kantor Kelurahan {kel}, "
               "Kecamatan {kec}, pada {tanggal}, {waktu}",
               "warga cukup membawa fotokopi Kartu Keluarga dan layanan ini tidak dipungut biaya",
               "mendekatkan pelayanan administrasi kependudukan kepada masyarakat",
               "Yg blm rekam KTP-el, dateng aja ke Kantor Kelurahan {kel} {tanggal} {pukul} ya! "
               "Gak "
               "usah antre lama di kantor Disdukcapil, gratis kok 😉",
               "wajib membawa fotokopi kk dan datang sesuai jadwal",
               "Poster layanan perekaman KTP-el keliling di Kantor Kelurahan {kel}, {tanggal}, "
               "{waktu}. Syarat: fotokopi KK. Gratis.",
               "KTP-el keliling", "#KTPel"},
              {Kind::kService, 3, "Layanan Hari Sabtu",
               "mulai {tanggal}, kantor {agency} juga buka pada hari Sabtu, {waktu}, khusus untuk "
               "pencetakan KTP-el, Kartu Identitas Anak (KIA), dan akta kelahiran",
               "pengambilan dokumen wajib membawa bukti pengajuan atau nomor antrean",
               "meningkatkan kualitas pelayanan publik",
               "Kabar gembira! Sabtu skrg kantor Disdukcapil buka jg lho, {pukul} sampe siang. "
               "Buat "
               "ambil KTP-el, KIA, akta. Jgn lupa bawa bukti pengajuannya ya",
               "pengambilan dokumen tidak dapat diwakilkan tanpa surat kuasa",
               "Infografis layanan hari Sabtu kantor Disdukcapil, {waktu}: cetak KTP-el, KIA, dan "
               "akta kelahiran.",
               "layanan Sabtu", "#LayananPrima"},
              {Kind::kEducation, 0, "Cara Cek NIK Secara Mandiri",
               "Anda bisa memeriksa status NIK tanpa datang ke kantor: kirim pesan WhatsApp berisi "
               "NIK dan nama lengkap ke {wa}, lalu petugas membalas pada jam kerja",
               "jangan membagikan foto KTP-el atau KK di kolom komentar karena data pribadi bisa "
               "disalahgunakan",
               "memberikan kemudahan kepada masyarakat dalam pengecekan data kependudukan",
               "Mau cek NIK udah aktif atau blm? Gak perlu ke kantor, WA aja ke {wa}, kirim NIK + "
               "nama lengkap. Tapi jgn upload foto KTP di komen ya guys!",
               "jangan mengunggah foto ktp-el di kolom komentar",
               "Infografis tiga langkah cek NIK lewat WhatsApp {wa}: kirim NIK, kirim nama "
               "lengkap, tunggu balasan petugas pada jam kerja.",
               "cek NIK", "#CekNIK"},
              {Kind::kEducation, 0, "Aktivasi Identitas Kependudukan Digital",
               "aktivasi Identitas Kependudukan Digital (IKD) bisa dilakukan di kantor {agency} "
               "lantai 1 setiap hari kerja, {waktu}",
               "siapkan ponsel Android dengan aplikasi IKD yang sudah terpasang dan alamat email "
               "yang aktif",
               "percepatan transformasi digital administrasi kependudukan",
               "Udah punya KTP digital belum? Aktivasi IKD bisa di kantor Dukcapil lt. 1, bawa HP "
               "+ "
               "email aktif aja. Cepet kok, gak sampe 15 menit",
               "satu nik hanya untuk satu perangkat",
               "Petugas membantu warga memindai kode QR aktivasi IKD di loket lantai 1.", "IKD",
               "#IKD"},
              {Kind::kService, 1, "Cetak KTP-el Dihentikan Sementara",
               "layanan cetak KTP-el di kantor {agency} pada {tanggal} dihentikan sementara karena "
               "pemeliharaan jaringan dari pusat, sedangkan perekaman dan layanan akta tetap "
               "berjalan",
               "pemohon yang sudah mendapat nomor antrean cetak akan dilayani lebih dulu pada hari "
               "kerja berikutnya",
               "pemeliharaan sistem informasi administrasi kependudukan",
               "Info ya gaes, {tanggal} cetak KTP-el off dulu krn jaringan pusat lagi maintenance. "
               "Yg lain tetap jalan kok",
               "mohon maaf atas ketidaknyamanannya",
               "Pengumuman penghentian sementara cetak KTP-el pada {tanggal}; perekaman dan akta "
               "tetap dilayani.",
               "cetak KTP-el", "#KTPel"},
          },
          {
              // questions, each with the answer a good admin gives
              {"Min, KTP saya sudah rekam dari bulan lalu tapi belum jadi, gimana ya?",
               "Untuk KTP-el yang sudah direkam tetapi belum tercetak, kirim NIK lewat "
               "WhatsApp {wa} agar kami cek statusnya hari ini."},
              {"Kalau KTP hilang bisa urus di layanan keliling juga gak?",
               "Bisa. KTP-el yang hilang dicetak ulang dengan membawa surat keterangan hilang "
               "dari kepolisian dan fotokopi KK."},
              {"Syarat bikin akta kelahiran anak apa aja kak?",
               "Akta kelahiran bisa diurus dengan surat keterangan lahir dari bidan atau rumah "
               "sakit, fotokopi KK, dan buku nikah orang tua."},
              {"Mohon info, pindah domisili dari Bangka Tengah ke Pangkalpinang harus bawa apa "
               "saja?",
               "Bawa Surat Keterangan Pindah dari Disdukcapil Bangka Tengah, KK asli, dan "
               "KTP-el ke kantor Disdukcapil lantai 1."},
              {"KIA untuk anak umur berapa ya min?",
               "KIA untuk anak di bawah 17 tahun. Syaratnya fotokopi akta kelahiran dan KK; "
               "untuk usia 5 tahun ke atas bawa pasfoto."},
          },
          {
              // complaints, each with the concrete step after the apology
              {"Sudah 3 minggu KTP belum dicetak juga, katanya blangko habis terus",
               "Stok blangko sudah kami terima minggu ini. Kirim NIK lewat WhatsApp {wa}; "
               "KTP-el Kakak kami masukkan antrean cetak prioritas."},
              {"Antrean di kantor Disdukcapil panjang bgt, nomor antrean habis jam 9 pagi",
               "Mulai pekan depan kami menambah dua loket dan membuka layanan hari Sabtu untuk "
               "mengurangi antrean."},
              {"WA nya cuma centang satu min, sudah 3 hari belum ada jawaban",
               "Nomor {wa} sempat bermasalah dan sudah aktif kembali. Silakan kirim ulang "
               "pesannya, akan kami jawab hari ini."},
          },
      },
      {
          "Dinas PUPR",
          "Dinas Pekerjaan Umum dan Penataan Ruang Kota Pangkalpinang",
          "0812-7804-5512",
          "pupr.pangkalpinangkota.go.id",
          "#PUPRPangkalpinang",
          {
              {Kind::kService, 3, "Perbaikan Jalan dan Pengalihan Arus",
               "{agency} memperbaiki ruas {jalan} mulai {tanggal} selama kurang lebih lima hari, "
               "setiap hari {waktu}",
               "selama pekerjaan berlangsung arus kendaraan dialihkan melalui jalan lingkungan, "
               "jadi ikuti petunjuk petugas di lokasi",
               "peningkatan kualitas infrastruktur jalan kota",
               "Sorry ya guys, {jalan} lagi diperbaiki mulai {tanggal}, kira2 5 hari. Cari jalan "
               "lain dulu aja biar gak kejebak macet 🙏",
               "hati-hati, ada pekerjaan jalan",
               "Peta pengalihan arus selama perbaikan {jalan}: kendaraan diarahkan lewat jalan "
               "lingkungan di sisi timur.",
               "perbaikan jalan", "#InfoLaluLintas"},
              {Kind::kService, 3, "Normalisasi Drainase",
               "{agency} membersihkan saluran drainase di Kelurahan {kel} pada {tanggal}, {waktu}, "
               "untuk mengurangi genangan saat hujan lebat",
               "warga diimbau tidak memarkir kendaraan di atas saluran agar alat berat dapat "
               "bekerja",
               "penanganan genangan dan banjir di kawasan permukiman",
               "Drainase di {kel} lagi dikeruk nih biar gak banjir lagi. Tolong kendaraannya jgn "
               "parkir di atas got dulu ya",
               "dilarang membuang sampah ke saluran air",
               "Ekskavator mengangkat lumpur dari saluran drainase di Kelurahan {kel}.", "drainase",
               "#PangkalpinangBebasBanjir"},
              {Kind::kEducation, 0, "Saluran Bersih, Kota Bebas Genangan",
               "sampah plastik yang dibuang ke parit adalah penyebab utama saluran tersumbat dan "
               "genangan di Pangkalpinang",
               "buang sampah di tempat pembuangan sementara pada pukul 18.00–06.00 WIB agar "
               "petugas dapat mengangkutnya pagi hari",
               "peningkatan kesadaran masyarakat terhadap kebersihan saluran",
               "Parit mampet = banjir. Jgn buang sampah ke got ya warga Pangkalpinang, buang di "
               "TPS "
               "aja jam 6 sore sampe 6 pagi",
               "sampah di parit menyebabkan banjir",
               "Infografis: sampah plastik menyumbat parit; buang sampah di TPS pukul 18.00–06.00 "
               "WIB.",
               "parit", "#PangkalpinangBebasBanjir"},
              {Kind::kService, 0, "Lapor Jalan Rusak dan Lampu Jalan",
               "laporkan jalan berlubang atau lampu penerangan jalan yang padam di lingkungan Anda "
               "melalui WhatsApp pengaduan {agency} di {wa}",
               "sertakan foto, nama jalan, dan titik lokasi agar tim lapangan dapat segera "
               "memeriksa",
               "peningkatan kualitas pelayanan prasarana kota",
               "Ada jalan bolong atau lampu jalan mati di deket rumah? Lapor aja ke WA {wa}, kirim "
               "foto + share loc ya",
               "laporan tanpa foto dan lokasi tidak dapat diproses",
               "Poster layanan pengaduan jalan rusak dan lampu jalan lewat WhatsApp {wa}, "
               "sertakan foto dan lokasi.",
               "lapor jalan rusak", "#LaporPUPR"},
              {Kind::kCeremonial, 0, "Peninjauan Proyek Jalan",
               "Kepala {agency} meninjau progres pembangunan jalan di {jalan} bersama konsultan "
               "pengawas, {hari_ini}",
               "pekerjaan ditargetkan selesai sebelum akhir tahun anggaran",
               "pengawasan mutu pekerjaan konstruksi",
               "Cek lapangan hari ini di {jalan}, progres udah lumayan 👷",
               "kerja nyata untuk pangkalpinang",
               "Kepala Dinas PUPR memakai helm proyek berdiskusi dengan pengawas di tepi jalan.",
               "proyek jalan", "#PangkalpinangMembangun"},
          },
          {
              // questions, each with the answer a good admin gives
              {"Jalan depan gang kami kapan diperbaiki min?",
               "Mohon kirim nama gang dan titik lokasinya ke WhatsApp {wa}; tim akan memeriksa "
               "dan memasukkannya ke jadwal pemeliharaan."},
              {"Lampu jalan mati lapornya ke mana ya?",
               "Laporkan lewat WhatsApp {wa} dengan foto dan titik lokasi; lampu biasanya "
               "diganti dalam tiga hari kerja."},
              {"Pengalihan arusnya lewat mana min? Truk bisa lewat gak?",
               "Kendaraan kecil lewat jalan lingkungan, sedangkan truk diarahkan lewat "
               "{jalan}. Petugas berjaga di kedua ujung ruas."},
          },
          {
              // complaints, each with the concrete step after the apology
              {"Jalan di gang kami di {kel2} berlubang sudah 3 bulan, belum ada perbaikan sama "
               "sekali",
               "Lokasi yang Kakak sampaikan sudah kami catat dan masuk jadwal pemeriksaan tim "
               "lapangan minggu ini."},
              {"Bekas galian di {jalan} gak ditutup rapi, motor saya hampir jatuh",
               "Kami sudah meminta kontraktor menutup dan memadatkan bekas galian itu paling "
               "lambat besok."},
              {"Drainase cuma dikeruk setengah, lumpurnya ditinggal di pinggir jalan",
               "Lumpur dibiarkan kering dulu agar bisa diangkut; truk pengangkut dijadwalkan "
               "datang lusa."},
          },
      },
      {
          "BPBD",
          "Badan Penanggulangan Bencana Daerah Kota Pangkalpinang",
          "0812-7805-0112",
          "bpbd.pangkalpinangkota.go.id",
          "#BPBDPangkalpinang",
          {
              {Kind::kService, 1, "Peringatan Dini Cuaca",
               "BMKG memprakirakan hujan lebat disertai petir dan angin kencang di wilayah "
               "Pangkalpinang pada {tanggal}, {waktu}",
               "hindari berteduh di bawah pohon besar dan baliho, serta waspadai genangan di "
               "{jalan}",
               "kesiapsiagaan menghadapi cuaca ekstrem",
               "Siap2 payung ya, {tanggal} diprediksi hujan lebat + angin kenceng. Jgn neduh di "
               "bawah pohon atau baliho!",
               "waspada cuaca ekstrem",
               "Peta peringatan dini: wilayah Pangkalpinang berwarna oranye untuk hujan lebat dan "
               "angin kencang, {tanggal}.",
               "peringatan cuaca", "#SiagaBencana"},
              {Kind::kService, 0, "Info Genangan",
               "genangan air setinggi 20–40 cm terpantau di {jalan} dan sekitar Kelurahan {kel} "
               "sejak {pukul} setelah hujan deras",
               "pengendara diminta mencari jalur lain, dan Tim Reaksi Cepat {agency} sudah berada "
               "di "
               "lokasi untuk membantu warga",
               "pemberian informasi kebencanaan secara cepat dan akurat",
               "Update: {jalan} masih tergenang 20–40 cm ya. Motor mending lewat jalan lain dulu, "
               "tim kami udah di lokasi",
               "hindari jalur tergenang",
               "Foto genangan setinggi lutut di {jalan}; mobil melintas perlahan.", "genangan",
               "#InfoBanjir"},
              {Kind::kEducation, 0, "Siapkan Tas Siaga Bencana",
               "siapkan tas siaga bencana berisi dokumen penting dalam plastik kedap air, senter, "
               "obat-obatan, makanan ringan, dan pakaian ganti untuk tiga hari",
               "simpan nomor darurat Pusdalops {agency} {wa} dan tentukan titik kumpul keluarga "
               "sebelum musim hujan",
               "peningkatan kapasitas masyarakat dalam menghadapi bencana",
               "Tas siaga bencana udah siap belum? Isinya dokumen (masukin plastik!), senter, "
               "obat, "
               "cemilan, baju ganti. Simpen jg no darurat {wa}",
               "jangan tunggu banjir datang",
               "Infografis isi tas siaga bencana: dokumen dalam plastik, senter, obat, makanan "
               "ringan, pakaian ganti.",
               "tas siaga", "#SiagaBencana"},
              {Kind::kEducation, 0, "Mitigasi Banjir di Rumah",
               "saat hujan deras lebih dari dua jam, matikan listrik di lantai bawah, pindahkan "
               "barang berharga ke tempat tinggi, dan pantau informasi resmi dari {agency}",
               "bila air mulai masuk rumah, segera mengungsi ke kantor kelurahan atau rumah "
               "kerabat yang lebih tinggi",
               "pengurangan risiko bencana banjir",
               "Hujan deres gak berhenti2? Cabut colokan di lantai bawah, naikin barang penting, "
               "pantau info dari kami ya",
               "utamakan keselamatan jiwa",
               "Ilustrasi rumah panggung: warga memindahkan barang ke rak atas dan mematikan "
               "saklar listrik.",
               "banjir", "#MitigasiBencana"},
              {Kind::kCeremonial, 0, "Apel Kesiapsiagaan Musim Hujan",
               "{agency} menggelar apel kesiapsiagaan personel dan peralatan menghadapi musim "
               "hujan di halaman Kantor Wali Kota Pangkalpinang, {hari_ini}",
               "apel diikuti TNI, Polri, relawan, dan Tagana, lalu dilanjutkan pengecekan perahu "
               "karet serta pompa air",
               "kesiapsiagaan menghadapi musim penghujan",
               "Pagi ini apel siaga musim hujan bareng TNI, Polri, relawan. Siap bantu warga! 💪",
               "siap siaga, tangguh bencana",
               "Barisan personel BPBD, TNI, Polri, dan relawan berseragam oranye di depan deretan "
               "perahu karet.",
               "apel siaga", "#SiagaBencana"},
          },
          {
              // questions, each with the answer a good admin gives
              {"Min, daerah {kel2} masih banjir gak? Mau lewat",
               "Per siang ini air di {kel2} sudah surut, tetapi masih ada lumpur di badan "
               "jalan. Hati-hati ya."},
              {"Posko pengungsian di mana ya kak?",
               "Posko pengungsian sementara ada di kantor kelurahan setempat dan di gedung "
               "serbaguna kecamatan."},
              {"Nomor darurat BPBD berapa min?", "Hubungi Pusdalops BPBD di {wa}, aktif 24 jam."},
              {"Besok masih hujan lebat gak min?",
               "Menurut prakiraan BMKG, besok hujan sedang hingga lebat masih mungkin terjadi "
               "pada sore hari."},
          },
          {
              // complaints, each with the concrete step after the apology
              {"Air sudah masuk rumah di {kel2} dari jam 2 pagi, belum ada petugas datang",
               "Tim reaksi cepat sedang menuju {kel2}. Mohon kirim alamat lengkap ke {wa} agar "
               "langsung ke rumah Kakak."},
              {"Pohon tumbang di {jalan} dari kemarin belum dipotong",
               "Tim kami bersama Damkar sudah dikirim ke {jalan} dan pohon ditargetkan selesai "
               "dipotong siang ini."},
              {"Telpon posko gak diangkat2, gimana ini",
               "Saat hujan deras panggilan memang sangat banyak. Kirim pesan WhatsApp ke {wa} "
               "agar laporan tercatat dan tidak terlewat."},
          },
      },
      {
          "Dispendik",
          "Dinas Pendidikan Kota Pangkalpinang",
          "0812-7806-2205",
          "dispendik.pangkalpinangkota.go.id",
          "#DispendikPangkalpinang",
          {
              {Kind::kEvent, 5, "Sosialisasi PPDB SD dan SMP",
               "{agency} mengadakan sosialisasi jalur dan jadwal PPDB jenjang SD dan SMP tahun "
               "ajaran {tahun_depan}/{tahun_depan2} bagi orang tua di Aula {agency} pada "
               "{tanggal}, "
               "{waktu}",
               "orang tua dapat bertanya langsung kepada panitia atau melalui WhatsApp {wa} pada "
               "jam "
               "kerja",
               "transparansi penerimaan peserta didik baru",
               "Ortu yg anaknya mau masuk SD/SMP tahun depan, dateng ya ke sosialisasi PPDB "
               "{tanggal} {pukul} di Aula Dispendik!",
               "ppdb tidak dipungut biaya",
               "Poster sosialisasi PPDB SD dan SMP tahun ajaran {tahun_depan}/{tahun_depan2}: "
               "{tanggal}, {waktu}, Aula Dinas Pendidikan.",
               "PPDB", "#PPDBPangkalpinang"},
              {Kind::kService, 1, "Belajar dari Rumah karena Cuaca Ekstrem",
               "karena peringatan cuaca ekstrem, kegiatan belajar SD dan SMP negeri di Kecamatan "
               "{kec} pada {tanggal} dilaksanakan dari rumah",
               "wali kelas akan membagikan tugas melalui grup WhatsApp kelas paling lambat {pukul}",
               "menjamin keselamatan peserta didik",
               "Adik2 SD/SMP di {kec}, {tanggal} belajar dari rumah dulu ya karena cuaca. Tugasnya "
               "dikirim wali kelas lewat grup WA",
               "tetap di rumah dan ikuti arahan guru",
               "Surat edaran belajar dari rumah bagi SD dan SMP negeri di Kecamatan {kec}, "
               "{tanggal}.",
               "belajar dari rumah", "#InfoSekolah"},
              {Kind::kEducation, 0, "Membaca 15 Menit Sebelum Tidur",
               "ajak anak membaca 15 menit setiap hari sebelum tidur, dengan buku bergambar untuk "
               "usia SD dan cerita rakyat Bangka untuk usia SMP",
               "buku dapat dipinjam gratis di perpustakaan sekolah dan Perpustakaan Daerah",
               "penguatan gerakan literasi sekolah",
               "Yuk biasain anak baca 15 menit sblm tidur 📚 Pinjem bukunya gratis kok di "
               "perpustakaan sekolah",
               "ayo membaca", "Ilustrasi ibu dan anak membaca buku cerita di tempat tidur.",
               "literasi", "#GerakanLiterasi"},
              {Kind::kCeremonial, 0, "Prestasi Siswa di O2SN",
               "siswa SMP negeri di Pangkalpinang meraih tiga medali pada Olimpiade Olahraga Siswa "
               "Nasional (O2SN) tingkat provinsi yang ditutup {hari_ini}",
               "Kepala {agency} menyampaikan apresiasi kepada siswa, guru pendamping, dan orang "
               "tua",
               "pembinaan prestasi peserta didik",
               "Bangga bgt! Siswa2 kita bawa pulang 3 medali O2SN tingkat provinsi 🥇 Selamat "
               "ya!",
               "selamat dan sukses", "Tiga siswa berkalung medali berfoto bersama guru pendamping.",
               "O2SN", "#PrestasiSiswa"},
          },
          {
              // questions, each with the answer a good admin gives
              {"Min, PPDB tahun depan masih pakai zonasi gak?",
               "Jalur dan kuota PPDB tahun depan akan diumumkan resmi di akun ini dan laman "
               "Dinas Pendidikan. Tidak ada pungutan biaya."},
              {"Anak saya umur 6 tahun 2 bulan, sudah bisa daftar SD negeri kak?",
               "Usia minimal masuk SD negeri 6 tahun pada 1 Juli, jadi anak Kakak sudah "
               "memenuhi syarat."},
              {"Tugas selama belajar dari rumah dikumpul ke mana min?",
               "Tugas dikumpulkan sesuai arahan wali kelas di grup WhatsApp kelas "
               "masing-masing."},
          },
          {
              // complaints, each with the concrete step after the apology
              {"Anak saya NIK nya tidak terbaca waktu daftar, sudah bolak-balik ke sekolah",
               "Bawa KK terbaru ke sekolah tujuan; operator sekolah akan memadankan data "
               "dengan Disdukcapil saat itu juga."},
              {"Pengumuman belajar dari rumah telat bgt, anak sudah terlanjur berangkat",
               "Ke depan pengumuman akan kami kirim paling lambat pukul 19.00 WIB sehari "
               "sebelumnya."},
              {"Katanya gratis tapi masih ada pungutan seragam di sekolah",
               "Sekolah negeri tidak boleh mewajibkan pembelian seragam. Mohon sebutkan nama "
               "sekolahnya lewat WhatsApp {wa}; identitas pelapor kami jaga."},
          },
      },
      {
          "Bapenda",
          "Badan Pendapatan Daerah Kota Pangkalpinang",
          "0812-7807-7070",
          "bapenda.pangkalpinangkota.go.id",
          "#BapendaPangkalpinang",
          {
              {Kind::kService, 0, "Jatuh Tempo PBB {tahun}",
               "batas akhir pembayaran PBB tahun {tahun} sesuai SPPT adalah {tenggat}, dan "
               "keterlambatan dikenai denda 1% per bulan",
               "pembayaran bisa dilakukan di bank, kantor pos, minimarket, atau dengan memindai "
               "QRIS yang tertera pada SPPT",
               "optimalisasi penerimaan pendapatan asli daerah",
               "Jgn sampe telat bayar PBB ya! Deadline {tenggat}, lewat dikit kena denda. Bisa "
               "bayar di bank, minimarket, atau scan QRIS di SPPT",
               "hindari denda, bayar sebelum jatuh tempo",
               "Poster jatuh tempo PBB {tahun}: {tenggat}; bayar di bank, kantor pos, minimarket, "
               "atau QRIS.",
               "PBB", "#BayarPBB"},
              {Kind::kEvent, 3, "Layanan PBB Keliling",
               "petugas {agency} membuka layanan PBB keliling di Kantor Camat {kec} pada "
               "{tanggal}, "
               "{waktu}, untuk pembayaran, cetak ulang SPPT, dan balik nama",
               "bawa fotokopi KTP-el dan SPPT tahun lalu",
               "mendekatkan pelayanan perpajakan daerah kepada wajib pajak",
               "PBB keliling mampir ke Kantor Camat {kec} nih, {tanggal} {pukul}. Bisa bayar, "
               "cetak ulang SPPT, balik nama. Bawa KTP + SPPT lama ya",
               "bawa sppt tahun lalu",
               "Poster layanan PBB keliling di Kantor Camat {kec}, {tanggal}, {waktu}.",
               "PBB keliling", "#BayarPBB"},
              {Kind::kService, 0, "Penghapusan Denda Pajak Daerah",
               "Pemerintah Kota Pangkalpinang menghapus denda PBB dan pajak daerah lain yang "
               "terlambat dibayar hingga {tenggat}",
               "pokok pajak tetap dibayar penuh, dan tagihan dapat dicek melalui WhatsApp {wa} "
               "dengan mengirim NOP",
               "pemberian insentif kepada wajib pajak",
               "Kesempatan nih! Denda PBB dihapus sampe {tenggat}. Cek tagihan lewat WA {wa}, "
               "kirim NOP aja",
               "program berlaku terbatas",
               "Poster program penghapusan denda pajak daerah hingga {tenggat}.",
               "penghapusan denda", "#BayarPBB"},
              {Kind::kEducation, 0, "Bayar PBB dengan QRIS",
               "cara membayar PBB dengan QRIS: buka aplikasi bank atau dompet digital, pindai kode "
               "QR pada SPPT, periksa nama wajib pajak dan nominalnya, lalu simpan bukti bayar",
               "pembayaran lewat QRIS tidak dikenai biaya tambahan dan langsung tercatat di sistem "
               "{agency}",
               "digitalisasi pembayaran pajak daerah",
               "Bayar PBB sekarang gampang bgt, tinggal scan QRIS di SPPT pake m-banking. Jgn lupa "
               "screenshot buktinya!",
               "pastikan nama penerima adalah bapenda kota pangkalpinang",
               "Infografis empat langkah bayar PBB dengan QRIS, dari membuka aplikasi hingga "
               "menyimpan bukti bayar.",
               "bayar PBB online", "#BayarPBB"},
          },
          {
              // questions, each with the answer a good admin gives
              {"Min, SPPT saya belum datang, cetak di mana?",
               "Cetak ulang SPPT bisa di kantor Bapenda atau saat layanan keliling dengan "
               "membawa KTP-el."},
              {"Cek tagihan PBB tahun lalu gimana caranya kak?",
               "Tagihan PBB bisa dicek dengan mengirim NOP ke WhatsApp {wa}; kami balas pada "
               "jam kerja."},
              {"Balik nama PBB syaratnya apa aja?",
               "Balik nama PBB memerlukan fotokopi KTP-el, sertifikat atau akta jual beli, dan "
               "SPPT terakhir."},
              {"Bayar lewat QRIS sudah masuk belum ya? kok di aplikasi masih tertunggak",
               "Pembayaran lewat QRIS tercatat paling lambat 1x24 jam; bila belum muncul, "
               "kirim bukti bayar dan NOP ke WhatsApp {wa}."},
          },
          {
              // complaints, each with the concrete step after the apology
              {"Saya sudah bayar PBB tapi di sistem masih tertunggak, mohon dicek",
               "Kirim bukti bayar dan NOP ke WhatsApp {wa}; data akan kami perbaiki dalam satu "
               "hari kerja."},
              {"SPPT tidak pernah diantar ke rumah, tiba-tiba kena denda",
               "Denda akibat SPPT yang tidak sampai dapat diajukan penghapusannya di loket "
               "Bapenda dengan membawa KTP-el."},
              {"Loket PBB di kantor tutup jam 12, padahal katanya sampai jam 3",
               "Hari itu loket tutup lebih awal karena gangguan listrik. Jam layanan normal "
               "tetap Senin–Jumat pukul 08.00–15.00 WIB."},
          },
      },
      {
          "Satpol PP",
          "Satuan Polisi Pamong Praja Kota Pangkalpinang",
          "0812-7808-1133",
          "satpolpp.pangkalpinangkota.go.id",
          "#SatpolPPPangkalpinang",
          {
              {Kind::kService, 2, "Penataan PKL di Trotoar",
               "{agency} menertibkan PKL yang berjualan di trotoar {jalan} dan sekitar Alun-Alun "
               "Taman Merdeka pada {tanggal} mulai {pukul}",
               "pedagang diarahkan berjualan di lokasi yang disediakan pemerintah kota agar "
               "trotoar "
               "kembali nyaman bagi pejalan kaki",
               "penegakan peraturan daerah tentang ketertiban umum",
               "PKL di trotoar {jalan} ditertibkan ya {tanggal}. Bukan ngusir, tapi dipindah ke "
               "tempat yg udah disediain biar trotoar bisa dipake jalan kaki",
               "dilarang berjualan di atas trotoar",
               "Petugas Satpol PP berbincang dengan pedagang gerobak di trotoar {jalan}.",
               "penertiban PKL", "#PangkalpinangTertib"},
              {Kind::kService, 0, "Patroli Malam Minggu",
               "{agency} bersama TNI dan Polri menggelar patroli ketertiban di Kecamatan {kec} "
               "setiap malam Minggu mulai {pukul_malam}",
               "laporkan balap liar, kebisingan, atau gangguan ketertiban lain melalui WhatsApp "
               "{wa}",
               "terciptanya ketenteraman dan ketertiban umum",
               "Malam minggu aman! Patroli gabungan keliling {kec} mulai {pukul_malam}. Ada balap "
               "liar? "
               "lapor WA {wa} aja",
               "stop balap liar",
               "Personel patroli gabungan bersiap di samping mobil operasional pada malam hari.",
               "patroli", "#PangkalpinangTertib"},
              {Kind::kEducation, 0, "Spanduk Tanpa Izin Dilarang",
               "menurut peraturan daerah tentang ketertiban umum, memasang spanduk dan baliho "
               "tanpa "
               "izin di pohon atau tiang listrik dapat dikenai sanksi",
               "izin reklame dapat diajukan di mal pelayanan publik atau ditanyakan lewat WhatsApp "
               "{wa}",
               "sosialisasi peraturan daerah kepada masyarakat",
               "Pasang spanduk di pohon atau tiang listrik itu gak boleh ya, ada perdanya. Urus "
               "izin "
               "dulu di mal pelayanan publik",
               "patuhi perda, jaga kota kita",
               "Petugas menurunkan spanduk tanpa izin dari tiang listrik.", "spanduk",
               "#PangkalpinangTertib"},
              {Kind::kCeremonial, 0, "Apel Gabungan Personel",
               "Kepala {agency} memimpin apel gabungan personel di halaman Kantor Wali Kota "
               "Pangkalpinang, {hari_ini}",
               "dalam arahannya, ia meminta anggota mengedepankan pendekatan humanis saat menata "
               "PKL",
               "peningkatan disiplin dan profesionalisme aparatur",
               "Apel pagi ini full team 💪 Siap jaga ketertiban dengan cara yg humanis",
               "tegas, humanis, profesional",
               "Barisan personel Satpol PP berseragam cokelat mengikuti apel di halaman kantor.",
               "apel", "#SatpolPP"},
          },
          {
              // questions, each with the answer a good admin gives
              {"PKL yang dipindah jualan di mana sekarang min?",
               "Pedagang dapat berjualan di lokasi relokasi samping Pasar Pagi; pendaftarannya "
               "di kantor kelurahan."},
              {"Lapor balap liar ke nomor berapa ya kak?",
               "Silakan lapor lewat WhatsApp {wa} dengan lokasi dan jamnya; regu piket akan "
               "langsung ke lapangan."},
              {"Min, kalau mau pasang spanduk acara nikahan perlu izin juga?",
               "Spanduk acara keluarga di halaman sendiri tidak perlu izin, asal tidak "
               "dipasang di pohon, tiang listrik, atau trotoar."},
          },
          {
              // complaints, each with the concrete step after the apology
              {"Tiap malam ada balap liar di {jalan}, sudah lapor berkali-kali gak ada "
               "tindakan",
               "Mulai malam ini regu piket kami berjaga di {jalan} bersama kepolisian."},
              {"Trotoar depan pasar masih penuh pedagang, penertibannya cuma sehari",
               "Kami menempatkan dua petugas di depan pasar setiap pagi selama sebulan ke "
               "depan."},
              {"Petugas kasar waktu menertibkan, tolong dievaluasi",
               "Laporan Kakak sudah kami teruskan ke bidang penegakan perda dan petugas yang "
               "bersangkutan akan diperiksa."},
          },
      },
  };
  return *kAgencies;
}

// Ceremonial topics any agency can post.
const std::vector<Topic>& CommonCeremonies() {
  static const std::vector<Topic>* const kTopics = new std::vector<Topic>{
      {Kind::kCeremonial, 0, "Rapat Koordinasi Musim Hujan",
       "Kepala {agency} mengikuti rapat koordinasi persiapan musim hujan bersama seluruh OPD di "
       "Ruang Rapat Kantor Wali Kota Pangkalpinang, {hari_ini}",
       "rapat membahas pembagian tugas, kesiapan peralatan, dan jalur komunikasi dengan warga",
       "sinergi antarperangkat daerah",
       "Rakor hari ini bareng OPD lain, bahas persiapan musim hujan 📋",
       "sinergi untuk pangkalpinang",
       "Peserta rapat koordinasi duduk mengelilingi meja panjang di ruang rapat.", "rapat",
       "#Rakor"},
      {Kind::kCeremonial, 0, "Kunjungan Kerja Wali Kota",
       "Wali Kota Pangkalpinang meninjau pelayanan {agency} dan berdialog dengan warga yang sedang "
       "mengantre, {hari_ini}",
       "Wali Kota meminta petugas mempercepat layanan dan menjawab pertanyaan warga di media "
       "sosial "
       "paling lambat satu hari kerja",
       "evaluasi kinerja pelayanan publik",
       "Pak Wali mampir ke kantor kami hari ini, ngobrol langsung sama warga yg lagi antre 🙏",
       "pelayanan prima untuk masyarakat",
       "Wali Kota berbincang dengan warga di ruang tunggu pelayanan.", "kunjungan",
       "#KunjunganKerja"},
      {Kind::kCeremonial, 0, "Musrenbang Kelurahan {kel}",
       "{agency} menghadiri Musrenbang Kelurahan {kel} untuk menampung usulan warga bagi rencana "
       "pembangunan tahun {tahun_depan}",
       "usulan yang paling banyak disampaikan adalah perbaikan drainase, penerangan jalan, dan "
       "posyandu",
       "penyusunan rencana kerja pemerintah daerah",
       "Ikut Musrenbang di {kel} hari ini, banyak usulan dari warga soal drainase & lampu jalan",
       "suara warga, arah pembangunan",
       "Warga menyampaikan usulan dalam Musrenbang di aula kantor kelurahan.", "Musrenbang",
       "#Musrenbang"},
      {Kind::kCeremonial, 0, "Apel Pagi Gabungan ASN",
       "jajaran {agency} mengikuti apel pagi gabungan di halaman Kantor Wali Kota Pangkalpinang, "
       "{hari_ini}",
       "apel dipimpin Sekretaris Daerah Kota Pangkalpinang dan diikuti ASN dari seluruh OPD",
       "peningkatan disiplin aparatur sipil negara",
       "Apel pagi gabungan hari ini, semangat melayani warga 🇮🇩", "asn berakhlak",
       "Barisan ASN berseragam mengikuti apel di halaman Kantor Wali Kota.", "apel",
       "#ASNBerakhlak"},
  };
  return *kTopics;
}

struct Holiday {
  unsigned month;
  unsigned day;
  int first_year;  // for "ke-N"; 0 when not counted
  const char* name;
  const char* line;
};

// Fixed-date days that city accounts greet; lunar holidays are left out so
// the calendar needs no table per year.
constexpr std::array<Holiday, 11> kHolidays = {{
    {8, 17, 1945, "Hari Ulang Tahun Kemerdekaan Republik Indonesia",
     "Mari isi kemerdekaan dengan kerja nyata dan pelayanan yang tulus bagi warga."},
    {9, 17, 1757, "Hari Jadi Kota Pangkalpinang",
     "Terima kasih kepada seluruh warga yang terus menjaga kota kita tetap rukun, bersih, dan "
     "aman."},
    {10, 1, 0, "Hari Kesaktian Pancasila",
     "Pancasila menyatukan kita dalam keberagaman; mari amalkan dalam tindakan sehari-hari."},
    {10, 2, 0, "Hari Batik Nasional",
     "Hari ini ASN Pangkalpinang mengenakan batik motif khas "
     "Bangka Belitung. Bagaimana dengan Anda?"},
    {10, 22, 2015, "Hari Santri", "Santri berakhlak, bangsa bermartabat."},
    {10, 28, 1928, "Hari Sumpah Pemuda",
     "Pemuda Pangkalpinang, mari bersatu membangun kota dengan karya dan gagasan."},
    {11, 10, 0, "Hari Pahlawan",
     "Kita kenang jasa para pahlawan dengan melayani sesama sebaik-baiknya."},
    {11, 12, 1964, "Hari Kesehatan Nasional",
     "Generasi sehat dimulai dari keluarga: imunisasi lengkap, gizi seimbang, dan lingkungan "
     "bersih."},
    {11, 21, 2000, "Hari Jadi Provinsi Kepulauan Bangka Belitung",
     "Serumpun Sebalai, bersama membangun Negeri Serumpun Sebalai."},
    {11, 25, 1945, "Hari Guru Nasional",
     "Terima kasih, Bapak dan Ibu guru, yang sabar mendidik anak-anak Pangkalpinang."},
    {10, 16, 0, "Hari Pangan Sedunia",
     "Habiskan makananmu dan kurangi sisa pangan dari dapur rumah kita."},
}};

// Acronyms a careful writer spells out on first use. Order matters only for
// readability; each entry is matched as a whole word.
struct Acronym {
  const char* shortform;
  const char* longform;
};
constexpr std::array<Acronym, 18> kAcronyms = {{
    {"Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"},
    {"Dinkes", "Dinas Kesehatan"},
    {"Diskominfo", "Dinas Komunikasi dan Informatika"},
    {"PUPR", "Pekerjaan Umum dan Penataan Ruang"},
    {"BPBD", "Badan Penanggulangan Bencana Daerah"},
    {"Dispendik", "Dinas Pendidikan"},
    {"Bapenda", "Badan Pendapatan Daerah"},
    {"Satpol PP", "Satuan Polisi Pamong Praja"},
    {"PKL", "pedagang kaki lima"},
    {"PBB", "Pajak Bumi dan Bangunan"},
    {"SPPT", "Surat Pemberitahuan Pajak Terutang"},
    {"NOP", "Nomor Objek Pajak"},
    {"PPDB", "Penerimaan Peserta Didik Baru"},
    {"DBD", "demam berdarah dengue"},
    {"OPD", "organisasi perangkat daerah"},
    {"Musrenbang", "Musyawarah Perencanaan Pembangunan"},
    {"BMKG", "Badan Meteorologi, Klimatologi, dan Geofisika"},
    {"Tagana", "Taruna Siaga Bencana"},
}};

constexpr std::array<const char*, 4> kJargonOpeners = {"Dalam rangka", "Dalam upaya",
                                                       "Sehubungan dengan upaya", "Guna"};
constexpr std::array<const char*, 3> kJargonClosers = {
    "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
    "Demikian informasi ini disampaikan untuk dapat dimaklumi.",
    "Atas perhatiannya kami ucapkan terima kasih.",
};
constexpr std::array<const char*, 5> kHeadlineEmoji = {"📢 ", "📌 ", "ℹ️ ", "🗓️ ", ""};
constexpr std::array<const char*, 4> kGoodOpeners = {
    "Halo, warga Pangkalpinang! 👋", "Sobat Pangkalpinang, ada info penting nih.",
    "Selamat pagi, warga Pangkalpinang.", "Perhatian, warga Pangkalpinang."};
constexpr std::array<const char*, 20> kWallTags = {
    "#pangkalpinangkota",
    "#infopangkalpinang",
    "#BangkaBelitung",
    "#babel",
    "#pemkotpangkalpinang",
    "#asnberakhlak",
    "#banggamelayanibangsa",
    "#viral",
    "#fyp",
    "#explore",
    "#pangkalpinangbersatu",
    "#bangka",
    "#serumpunsebalai",
    "#indonesia",
    "#pelayananpublik",
    "#beritababel",
    "#infobabel",
    "#kotapangkalpinang",
    "#PangkalpinangKota",
    "#humas",
};

// --- Citizen reply phrases. {noun} {kel} {kec} {jalan} {agency} {mention}.

// Questions about an announced event; the answers reuse the post's own slots
// so that they agree with it.
constexpr std::array<QA, 12> kEventQuestions = {{
    {"Min, {noun} ini sampai jam berapa ya?",
     "Sesuai jadwal di postingan, {waktu}. Datang lebih awal agar tidak lama mengantre."},
    {"Mohon info, untuk {noun} syaratnya apa saja?",
     "Syaratnya seperti yang tertulis di postingan. Bila ragu, kirim pertanyaan ke WhatsApp {wa} "
     "dan petugas kami bantu cek."},
    {"Kak, kalau di Kelurahan {kel2} kapan jadwalnya?",
     "Jadwal untuk Kelurahan {kel2} akan kami umumkan di akun ini. Pantau terus ya."},
    {"Apakah {noun} ini gratis atau ada biayanya?",
     "Gratis, tidak dipungut biaya apa pun. Bila ada yang meminta bayaran, laporkan ke {wa}."},
    {"min kpn ada lagi? kemarin gak sempet dtg",
     "Jadwal berikutnya akan kami umumkan di akun ini. Sementara itu layanan tetap tersedia di "
     "kantor kami pada hari kerja."},
    {"Izin bertanya, harus daftar dulu atau bisa langsung datang?",
     "Bisa langsung datang tanpa daftar lebih dulu."},
    {"gimana caranya daftar online min? link nya mana",
     "Tidak perlu daftar online. Cukup datang sesuai jadwal, {tanggal}."},
    {"Sabtu buka gak min?",
     "Kegiatan ini hanya pada {tanggal}, {waktu}. Untuk hari lain silakan datang ke kantor kami "
     "pada hari kerja."},
    {"Min, yang di Kecamatan {kec2} ada juga gak?",
     "Untuk Kecamatan {kec2} jadwalnya menyusul dan akan kami umumkan di akun ini."},
    {"Berlaku untuk lansia juga kah min?",
     "Berlaku untuk semua usia, dan lansia akan didahulukan."},
    {"kak boleh diwakilkan keluarga?",
     "Boleh, dengan membawa surat kuasa dan fotokopi KTP-el yang diwakili."},
    {"Ada jadwal sore hari gak? Saya kerja sampai jam 4",
     "Untuk saat ini belum ada. Masukan ini kami catat untuk jadwal berikutnya."},
}};
// Questions that fit any post.
constexpr std::array<QA, 6> kInfoQuestions = {{
    {"Tolong info lebih lanjut min, nomor WA nya berapa?",
     "Silakan hubungi WhatsApp {wa} pada jam kerja."},
    {"Ini info terbaru atau yang lama min?", "Ini informasi terbaru."},
    {"Kalau mau tanya langsung ke kantor, buka jam berapa min?",
     "Kantor kami buka Senin–Kamis pukul 07.30–16.00 WIB dan Jumat pukul 07.30–16.30 WIB."},
    {"Berlaku untuk semua kelurahan kak?",
     "Betul, berlaku untuk seluruh kelurahan di Pangkalpinang."},
    {"Min, ada versi lengkapnya gak? Mau saya share ke grup RT",
     "Silakan dibagikan. Versi lengkapnya ada di laman {web}."},
    {"Maksudnya gimana min? Kurang paham",
     "Mohon maaf kalau kurang jelas. Kirim pertanyaan Kakak ke WhatsApp {wa}, nanti kami "
     "jelaskan satu per satu."},
}};
constexpr std::array<const char*, 11> kComplaints = {
    "Min, sudah 3 hari WA nya gak dibalas, gimana ini?",
    "tolong min, lampu jalan di {jalan} mati dari minggu lalu",
    "Kecewa, datang jam 8 pagi baru dilayani jam 12",
    "Pengumumannya mendadak sekali, warga banyak yang gak tau",
    "Mohon ditindaklanjuti, parit di depan rumah kami di {kel2} mampet dan bau",
    "sudah lapor dari kemarin tapi tidak ada respon",
    "min tolong lah, {noun} di kelurahan kami gak pernah ada",
    "Dari kemarin telpon kantor gak diangkat2",
    "Ribet bgt, disuruh bolak-balik terus",
    "Mohon bantuannya, sudah 2 minggu belum ada kabar",
    "Yang di postingan sama di lapangan beda, tolong dicek lagi",
};
constexpr std::array<const char*, 13> kPraise = {
    "Mantap, terima kasih infonya min 👍",
    "makasih min infonya",
    "Terima kasih, sangat membantu 🙏",
    "Sukses terus {agency} 👏",
    "Semoga lancar kegiatannya",
    "Alhamdulillah, pelayanannya cepat. Terima kasih petugas",
    "Keren! Pangkalpinang makin maju",
    "Aamiin 🤲",
    "Mantap pak, lanjutkan",
    "Bermanfaat sekali, izin share ya min",
    "Terima kasih, kemarin saya sudah ke sana dan dilayani dengan ramah",
    "Semangat bapak ibu petugas 💪",
    "infonya jelas bgt, makasih min",
};
constexpr std::array<const char*, 10> kOther = {
    "Hadir dari {kel2} 🙋‍♀️",
    "@{mention} nah ini yang kamu tanya kemarin",
    "@{mention} ayo kita ke sana",
    "Ikut nyimak",
    "Wah rame ya",
    "Fotonya bagus 📸",
    "Rumah saya dekat situ",
    "Dulu waktu saya kecil belum ada yang begini",
    "🔥🔥🔥",
    "Nyimak dari {kel2}",
};
constexpr std::array<const char*, 6> kSpam = {
    "cek bio untuk promo pinjol cair 5 menit tanpa jaminan 💰",
    "follow back ya kak 🙏",
    "Jasa tambah followers & likes murah, DM aja kak",
    "Mau penghasilan tambahan dari rumah? Cek profil aku ya",
    "Promo pulsa & paket data murah, cek bio!",
    "Dana cepat cair tanpa BI checking, WA di bio",
};
constexpr std::array<const char*, 6> kFollowUpGood = {
    "Baik min, terima kasih 🙏",
    "Oke kak, siap",
    "Sudah saya WA, terima kasih",
    "Siap, makasih infonya min",
    "Terima kasih atas responsnya, sangat membantu",
    "Alhamdulillah sudah beres, makasih kak",
};
constexpr std::array<const char*, 5> kFollowUpBad = {
    "WA nya gak aktif min, sudah saya coba dari kemarin",
    "Sudah datang ke kantor tapi disuruh balik lagi besok",
    "cek DM apanya min, gak ada pesan masuk",
    "Jawabannya gak nyambung min, saya tanya soal jadwal",
    "Kapan ditindaklanjuti? sudah seminggu",
};
constexpr std::array<const char*, 6> kCitizenToCitizen = {
    "Setuju",
    "Sama kak, saya juga belum",
    "Bisa kak, kemarin saya langsung datang aja",
    "Coba tanya ke kantor kelurahan kak",
    "Iya benar, saya juga ngalamin",
    "Kemarin saya ke sana buka kok",
};

// --- Agency reply phrases. {nama} {wa} {agency}.

constexpr std::array<const char*, 4> kAgencyComplaintSteps = {
    "Laporan Kakak sudah kami teruskan ke tim terkait dan akan ditindaklanjuti paling lambat "
    "tiga hari kerja.",
    "Kami catat lokasinya, dan tim akan memeriksa ke lapangan minggu ini.",
    "Terima kasih sudah menyampaikan; kami sedang membenahi alur antrean agar lebih cepat.",
    "Boleh kirim nama dan nomor yang bisa dihubungi lewat WhatsApp {wa}? Petugas kami akan "
    "menelepon Kakak hari ini.",
};
constexpr std::array<const char*, 4> kAgencyThanks = {
    "Terima kasih kembali, Kak {nama}! 🙏",
    "Sama-sama, Kak. Semoga bermanfaat.",
    "Terima kasih atas dukungannya 🙏",
    "Aamiin, terima kasih Kak {nama}.",
};
constexpr std::array<const char*, 3> kAgencyFollowUp = {
    "Mohon maaf, Kak {nama}. WhatsApp {wa} aktif pada jam kerja; silakan kirim pesan lagi dan "
    "akan kami prioritaskan.",
    "Baik Kak, kami cek ulang hari ini dan kabari di sini.",
    "Mohon maaf atas kendalanya, Kak. Silakan datang ke loket pengaduan di lantai 1 dan sebutkan "
    "komentar ini agar langsung dibantu.",
};
// The poor replies trainees learn not to write.
constexpr std::array<const char*, 9> kAgencyPoor = {
    "cek DM kak",
    "Sudah diinfokan di caption ya kak",
    "Silakan baca kembali postingan di atas.",
    "Silakan datang langsung ke kantor.",
    "Untuk informasi lebih lanjut silakan hubungi kantor.",
    "Maaf kak, itu bukan kewenangan kami.",
    "ok kak",
    "🙏",
    "sudah diinfokan",
};
constexpr std::array<const char*, 4> kPasteTemplates = {
    "Terima kasih atas informasinya, akan kami teruskan ke bidang terkait.",
    "Terima kasih atas pertanyaannya, silakan hubungi kantor kami pada jam kerja.",
    "Baik, terima kasih. Masukan Bapak/Ibu akan menjadi bahan evaluasi kami.",
    "Mohon maaf atas ketidaknyamanannya, silakan cek DM.",
};

// ---------------------------------------------------------------------------
// 4. Platform-shaped ids.

constexpr std::string_view kBase32Lower = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::string_view kBase32Sort = "234567abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kHex = "0123456789abcdef";

std::string RandomChars(Rng& rng, std::string_view alphabet, int n) {
  std::string s;
  s.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) s += alphabet[rng.Below(alphabet.size())];
  return s;
}

std::string Digits(Rng& rng, int n) {
  std::string s = RandomChars(rng, "0123456789", n);
  if (s[0] == '0') s[0] = static_cast<char>('1' + rng.Below(9));
  return s;
}

// X (Twitter) snowflake: milliseconds since the X epoch, shifted over 22 bits
// of worker and sequence.
std::string XSnowflake(int64_t unix, Rng& rng) {
  const uint64_t ms = static_cast<uint64_t>(unix) * 1000 + rng.Below(1000) - 1288834974657ULL;
  return std::to_string((ms << 22) | rng.Below(1ULL << 22));
}

// Mastodon id: milliseconds since 1970 over 16 bits of sequence.
std::string MastodonId(int64_t unix, Rng& rng) {
  const uint64_t ms = static_cast<uint64_t>(unix) * 1000 + rng.Below(1000);
  return std::to_string((ms << 16) | rng.Below(1ULL << 16));
}

// AT Protocol TID: 53 bits of microseconds and 10 bits of clock id, written
// as 13 characters of sortable base32.
std::string BlueskyTid(int64_t unix, Rng& rng) {
  const uint64_t micros = static_cast<uint64_t>(unix) * 1000000 + rng.Below(1000000);
  uint64_t v = (micros << 10) | rng.Below(1024);
  v &= 0x7fffffffffffffffULL;
  std::string s(13, '2');
  for (int i = 12; i >= 0; --i) {
    s[static_cast<size_t>(i)] = kBase32Sort[v & 31];
    v >>= 5;
  }
  return s;
}

std::string Did(Rng& rng) { return "did:plc:" + RandomChars(rng, kBase32Lower, 24); }
std::string YouTubeChannel(Rng& rng) { return "UC" + RandomChars(rng, kBase64Url, 22); }

// ---------------------------------------------------------------------------
// 5. The generator.

struct AccountSpec {
  int agency;
  Platform platform;
  const char* handle;
  const char* name;
  int followers;        // at the end of the period
  int posts;            // at scale 1
  double skill;         // 0 = every flaw, 1 = model posts
  double answer_rate;   // share of questions and complaints answered
  double median_delay;  // minutes to the first answer
  double off_hours;     // chance to answer outside working hours
  double engagement;    // multiplies citizen comments
};

// Trainee skill differs by account on purpose: the dashboard must have
// something to rank.
// clang-format off
constexpr std::array<AccountSpec, 15> kAccountSpecs = {{
  // agency, platform, handle, name,
  //   followers, posts, skill, answer_rate, median_delay (min), off_hours, engagement
  {0, Platform::kInstagram, "diskominfo.pgk", "Diskominfo Kota Pangkalpinang",
     18400, 320, 0.85, 0.92,   25, 0.35, 0.90},
  {0, Platform::kX, "diskominfo_pgk", "Diskominfo Pangkalpinang",
      6200, 290, 0.60, 0.80,   90, 0.20, 0.60},
  {0, Platform::kYouTube, "PemkotPangkalpinangTV", "Pemkot Pangkalpinang TV",
      3100,  45, 0.50, 0.62,  600, 0.10, 0.80},
  {0, Platform::kMastodon, "diskominfo", "Diskominfo Kota Pangkalpinang",
       640, 150, 0.92, 0.90,   45, 0.30, 0.35},
  {1, Platform::kInstagram, "dinkespangkalpinang", "Dinas Kesehatan Kota Pangkalpinang",
     12700, 250, 0.72, 0.86,   80, 0.15, 1.10},
  {1, Platform::kFacebook, "dinkes.pangkalpinang", "Dinkes Kota Pangkalpinang",
     21500, 220, 0.45, 0.74,  240, 0.10, 1.00},
  {2, Platform::kInstagram, "disdukcapil.pgk", "Disdukcapil Kota Pangkalpinang",
     24800, 280, 0.55, 0.84,  300, 0.05, 1.60},
  {2, Platform::kFacebook, "disdukcapilpangkalpinang", "Disdukcapil Kota Pangkalpinang",
     38900, 210, 0.30, 0.66,  600, 0.05, 1.50},
  {3, Platform::kFacebook, "puprpangkalpinang", "Dinas PUPR Kota Pangkalpinang",
      9600, 170, 0.25, 0.62,  900, 0.05, 1.10},
  {4, Platform::kX, "bpbd_pgk", "BPBD Kota Pangkalpinang",
      4800, 250, 0.65, 0.82,   35, 0.60, 0.70},
  {4, Platform::kBluesky, "bpbd-pangkalpinang.bsky.social", "BPBD Kota Pangkalpinang",
       900, 120, 0.78, 0.86,   60, 0.50, 0.45},
  {5, Platform::kInstagram, "dispendik.pgk", "Dinas Pendidikan Kota Pangkalpinang",
     15300, 190, 0.35, 0.68,  420, 0.10, 1.10},
  {5, Platform::kYouTube, "DispendikPangkalpinang", "Dispendik Kota Pangkalpinang",
      1700,  35, 0.30, 0.55, 1500, 0.05, 0.70},
  {6, Platform::kInstagram, "bapenda.pgk", "Bapenda Kota Pangkalpinang",
      8200, 170, 0.50, 0.80,  150, 0.10, 0.90},
  {7, Platform::kFacebook, "satpolpp.pangkalpinang", "Satpol PP Kota Pangkalpinang",
     11300, 150, 0.15, 0.58, 1800, 0.05, 1.00},
}};
// clang-format on

// The training cohort: Diskominfo's admins (agency 0) were trained on
// 2026-10-01 (WIB). From then on their accounts post with more skill and
// answer more citizens, sooner; the cohort view (/kohort) and scripts/demo,
// which sets that training date, show the change.
constexpr int64_t kTrainingUnix = 1790787600;  // 2026-10-01T00:00:00+07:00
constexpr int kCohortAgency = 0;

// An account's spec after the training: most of the gap to a model admin
// closed.
const AccountSpec& TrainedSpec(size_t index) {
  static const std::array<AccountSpec, kAccountSpecs.size()> trained = [] {
    std::array<AccountSpec, kAccountSpecs.size()> out = kAccountSpecs;
    for (AccountSpec& s : out) {
      s.skill += (1.0 - s.skill) * 0.75;
      s.answer_rate += (1.0 - s.answer_rate) * 0.75;
      s.median_delay *= 0.3;
      s.engagement *= 1.15;
    }
    return out;
  }();
  return trained[index];
}

// Global factor on citizen comments, tuned so scale 1 gives ~15,000 replies.
constexpr double kCommentFactor = 0.67;

struct Citizen {
  std::string id;
  std::string handle;
  std::string given;  // capitalised first name, for "Halo Kak Rina"
};

struct AccountState {
  const AccountSpec* spec;
  Account record;
  std::string did;    // Bluesky only
  std::string paste;  // this admin's copy-paste reply
  int64_t followers_start;
};

struct PostPlan {
  int64_t unix;
  int account;
  const Topic* topic;  // nullptr for a holiday greeting
  const Holiday* holiday;
  uint64_t stream;  // seeds the post's own random stream
};

enum class ReplyKind { kQuestion, kComplaint, kPraise, kOther, kSpam, kAgency, kFollowUp };

enum class Author { kCitizen, kSpammer, kAgency };

struct DraftReply {
  int64_t unix;
  int parent;  // index into the draft list, -1 for top level
  Author author;
  int who;  // index into the citizen or spammer pool
  ReplyKind kind;
  std::string text;
};

// What a citizen wrote and what a good admin would answer to it.
struct Utterance {
  std::string text;
  std::string answer;  // empty: fall back to a generic step
};

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#' ||
         c == '@' || c == '/' || c == '.' || c == '-' || c == '_';
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// Spells out each known acronym at its first whole-word use, unless the text
// already carries "(ACR)".
void ExpandAcronyms(std::string& text) {
  for (const Acronym& a : kAcronyms) {
    const std::string shortform = a.shortform;
    if (text.find("(" + shortform + ")") != std::string::npos) continue;
    size_t pos = 0;
    while ((pos = text.find(shortform, pos)) != std::string::npos) {
      const bool left_ok = pos == 0 || !IsWordChar(text[pos - 1]);
      const size_t end = pos + shortform.size();
      const bool right_ok = end >= text.size() || !IsWordChar(text[end]) || text[end] == '.';
      if (left_ok && right_ok) {
        const std::string expanded = std::string(a.longform) + " (" + shortform + ")";
        text.replace(pos, shortform.size(), expanded);
        break;
      }
      pos = end;
    }
  }
}

// Characters as X and Bluesky count them, closely enough: code points, with
// emoji counted twice.
size_t DisplayLength(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    n += len == 4 ? 2 : 1;
    i += len;
  }
  return n;
}

// Cuts at a word boundary and adds an ellipsis, never inside a UTF-8 sequence.
std::string TruncateWords(const std::string& s, size_t max_display) {
  if (DisplayLength(s) <= max_display) return s;
  size_t cut = 0;
  size_t shown = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    shown += len == 4 ? 2 : 1;
    if (shown + 1 > max_display) break;
    if (s[i] == ' ') cut = i;
    i += len;
  }
  return s.substr(0, cut) + "…";
}

class Generator {
 public:
  Generator(const DemoOptions& options, const std::function<void(const Record&)>& sink)
      : options_(options), sink_(sink), rng_(options.seed ^ 0x54616e6767617021ULL) {
    start_ = options_.end_unix - static_cast<int64_t>(options_.days) * kDay;
  }

  void Run() {
    MakeAccounts();
    MakeCitizens();
    std::vector<PostPlan> plans = PlanPosts();
    for (const PostPlan& plan : plans) EmitPost(plan);
  }

 private:
  // --- Accounts -----------------------------------------------------------

  void MakeAccounts() {
    for (const AccountSpec& spec : kAccountSpecs) {
      AccountState st;
      st.spec = &spec;
      Account& a = st.record;
      a.platform = spec.platform;
      a.handle = spec.handle;
      a.name = spec.name;
      a.agency = Agencies()[static_cast<size_t>(spec.agency)].name;
      // A few percent of jitter so that seeds differ in followers too.
      const int64_t followers = spec.followers + static_cast<int64_t>(rng_.Below(400)) - 200;
      a.followers = followers;
      st.followers_start = Round(static_cast<double>(followers) / (1.02 + 0.06 * rng_.Unit()));
      switch (spec.platform) {
        case Platform::kInstagram:
          a.id = "17841400" + Digits(rng_, 9);
          break;
        case Platform::kFacebook:
          a.id = "1" + Digits(rng_, 14);
          break;
        case Platform::kX:
          // Government accounts on X mostly predate 2015: short numeric ids.
          a.id = Digits(rng_, rng_.Chance(0.5) ? 9 : 10);
          break;
        case Platform::kYouTube:
          a.id = YouTubeChannel(rng_);
          break;
        case Platform::kMastodon:
          a.id = MastodonId(1667260800 + rng_.Range(0, 86400 * 60), rng_);
          break;
        case Platform::kBluesky:
          st.did = Did(rng_);
          a.id = st.did;
          break;
      }
      st.paste = rng_.Pick(kPasteTemplates);
      Claim(a.platform, a.id);
      accounts_.push_back(std::move(st));
      sink_(Record(accounts_.back().record));
    }
  }

  // Registers an id; false when the platform already has it.
  bool Claim(Platform p, const std::string& id) {
    return used_ids_[static_cast<size_t>(p)].insert(id).second;
  }

  // --- Citizens -----------------------------------------------------------

  Citizen MakeCitizen(Platform p, bool spammer) {
    Citizen c;
    const std::string given = rng_.Pick(kGivenNames);
    const std::string surname = rng_.Pick(kSurnames);
    c.given = Capitalize(given);
    if (spammer) {
      c.handle = std::string(rng_.Pick(kSpamHandles)) + std::to_string(rng_.Range(1, 99));
      c.given = "";
    } else {
      switch (rng_.Below(6)) {
        case 0:
          c.handle = given + "." + surname;
          break;
        case 1:
          c.handle = given + "_" + surname;
          break;
        case 2:
          c.handle = given + surname.substr(0, 3) + std::to_string(rng_.Range(70, 2009));
          break;
        case 3:
          c.handle = given + "_" + rng_.Pick(kHandleTails);
          break;
        case 4:
          c.handle = given + "." + rng_.Pick(kHandleTails);
          break;
        default:
          c.handle = given + surname + std::to_string(rng_.Range(1, 99));
          break;
      }
    }
    switch (p) {
      case Platform::kInstagram:
        c.id = "17841" + Digits(rng_, 12);
        break;
      case Platform::kFacebook:
        c.id = rng_.Chance(0.6) ? "1000" + Digits(rng_, 11) : Digits(rng_, 16);
        break;
      case Platform::kX:
        c.id = rng_.Chance(0.4) ? Digits(rng_, rng_.Range(8, 10))
                                : XSnowflake(1420070400 + rng_.Range(0, 86400 * 3650), rng_);
        break;
      case Platform::kYouTube:
        c.id = YouTubeChannel(rng_);
        for (char& ch : c.handle) {
          if (ch == '.' || ch == '_') ch = '-';
        }
        break;
      case Platform::kMastodon:
        c.id = MastodonId(1577836800 + rng_.Range(0, 86400 * 1800), rng_);
        if (rng_.Chance(0.6)) c.handle += rng_.Chance(0.7) ? "@mastodon.social" : "@mas.to";
        break;
      case Platform::kBluesky:
        c.id = Did(rng_);
        for (char& ch : c.handle) {
          if (ch == '_') ch = '-';
        }
        c.handle += ".bsky.social";
        break;
    }
    return c;
  }

  void MakeCitizens() {
    const double scale = std::max(options_.scale, 0.0);
    for (Platform p : kAllPlatforms) {
      const size_t pi = static_cast<size_t>(p);
      const int n = std::max(20, static_cast<int>(Round(500 * scale)));
      std::set<std::string>& seen = citizen_ids_[pi];
      for (int i = 0; i < n; ++i) {
        Citizen c = MakeCitizen(p, false);
        if (!seen.insert(c.id).second) continue;
        citizens_[pi].push_back(std::move(c));
      }
      for (int i = 0; i < 12; ++i) {
        Citizen c = MakeCitizen(p, true);
        if (!seen.insert(c.id).second) continue;
        spammers_[pi].push_back(std::move(c));
      }
    }
  }

  // --- Post plan ----------------------------------------------------------

  int64_t DrawPostTime(int account, Rng& rng) {
    const bool bpbd =
        Agencies()[static_cast<size_t>(kAccountSpecs[static_cast<size_t>(account)].agency)].name ==
        std::string_view("BPBD");
    const int64_t first_day = LocalDay(start_);
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const int64_t day =
          first_day + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(options_.days) + 1));
      const int wd = Weekday(day);
      if ((wd == 0 || wd == 6) && !rng.Chance(bpbd ? 0.7 : 0.3)) continue;
      int64_t sec;
      if (rng.Chance(bpbd ? 0.6 : 0.8)) {
        // Working hours, busiest mid-morning.
        const double u1 = rng.Unit();
        const double u2 = rng.Unit();
        sec = 7 * 3600 + 1800 + Round((u1 + u2) * 0.5 * 9 * 3600);
      } else if (rng.Chance(0.7)) {
        sec = 17 * 3600 + rng.Range(0, 4 * 3600 + 1800);
      } else if (bpbd && rng.Chance(0.5)) {
        sec = rng.Range(0, 5 * 3600);  // night warnings
      } else {
        sec = 5 * 3600 + 1800 + rng.Range(0, 2 * 3600);
      }
      const int64_t t = UnixAt(day, sec);
      if (t >= start_ && t < options_.end_unix) return t;
    }
    return start_;
  }

  const Topic* PickTopic(int account, Rng& rng) {
    const AccountSpec& spec = kAccountSpecs[static_cast<size_t>(account)];
    const Agency& agency = Agencies()[static_cast<size_t>(spec.agency)];
    // Weak accounts drift towards photos of officials.
    const double ceremonial = 0.08 + 0.30 * (1.0 - spec.skill);
    if (rng.Chance(ceremonial)) {
      std::vector<const Topic*> pool;
      for (const Topic& t : agency.topics) {
        if (t.kind == Kind::kCeremonial) pool.push_back(&t);
      }
      for (const Topic& t : CommonCeremonies()) pool.push_back(&t);
      return rng.Pick(pool);
    }
    std::vector<const Topic*> pool;
    for (const Topic& t : agency.topics) {
      if (t.kind != Kind::kCeremonial) pool.push_back(&t);
    }
    return rng.Pick(pool);
  }

  std::vector<PostPlan> PlanPosts() {
    std::vector<PostPlan> plans;
    const double scale = std::max(options_.scale, 0.0);
    for (size_t a = 0; a < accounts_.size(); ++a) {
      const int n = static_cast<int>(Round(kAccountSpecs[a].posts * scale));
      for (int i = 0; i < n; ++i) {
        PostPlan p{};
        p.account = static_cast<int>(a);
        p.unix = DrawPostTime(p.account, rng_);
        p.topic = PickTopic(p.account, rng_);
        p.stream = rng_.Next();
        plans.push_back(p);
      }
    }
    // Greetings on national and local days, early in the morning.
    for (int64_t day = LocalDay(start_); day <= LocalDay(options_.end_unix - 1); ++day) {
      const Civil c = CivilOf(day);
      for (const Holiday& h : kHolidays) {
        if (h.month != c.month || h.day != c.day) continue;
        for (size_t a = 0; a < accounts_.size(); ++a) {
          if (!rng_.Chance(0.6 * std::min(1.0, scale))) continue;
          PostPlan p{};
          p.account = static_cast<int>(a);
          p.unix = UnixAt(day, 6 * 3600 + rng_.Range(0, 3 * 3600));
          p.holiday = &h;
          p.stream = rng_.Next();
          if (p.unix >= start_ && p.unix < options_.end_unix) plans.push_back(p);
        }
      }
    }
    std::sort(plans.begin(), plans.end(), [](const PostPlan& x, const PostPlan& y) {
      return x.unix != y.unix ? x.unix < y.unix : x.account < y.account;
    });
    return plans;
  }

  // --- Post text ----------------------------------------------------------

  struct Slots {
    std::vector<std::pair<std::string, std::string>> values;
    void Set(std::string key, std::string value) {
      values.emplace_back(std::move(key), std::move(value));
    }
    std::string Fill(std::string_view tmpl) const {
      std::string out;
      out.reserve(tmpl.size() + 32);
      for (size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] == '{') {
          const size_t close = tmpl.find('}', i);
          if (close != std::string_view::npos) {
            const std::string_view key = tmpl.substr(i + 1, close - i - 1);
            const std::string* found = nullptr;
            for (const auto& [k, v] : values) {
              if (k == key) found = &v;
            }
            if (found != nullptr) {
              out += *found;
              i = close;
              continue;
            }
          }
        }
        out += tmpl[i];
      }
      return out;
    }
  };

  Slots PostSlots(const PostPlan& plan, const Agency& agency, bool sloppy_date, Rng& rng) {
    Slots s;
    const Kelurahan& kel = rng.Pick(kKelurahan);
    const int64_t today = LocalDay(plan.unix);
    const int lead = plan.topic != nullptr ? plan.topic->lead_days : 0;
    int64_t event_day = today + (lead > 0 ? rng.Range(1, lead) : 0);
    if (lead > 0 && Weekday(event_day) == 0) ++event_day;
    int start_min = 60 * rng.Range(7, 9);
    start_min += 30 * static_cast<int>(rng.Below(2));
    const int end_min = start_min + 60 * rng.Range(3, 5);
    const int single = rng.Chance(0.7) ? start_min : 60 * rng.Range(13, 20);
    const Civil c = CivilOf(today);
    int64_t deadline = today + rng.Range(10, 40);
    if (Weekday(deadline) == 0) ++deadline;
    // Citizens ask about a kelurahan other than the one announced.
    const Kelurahan& other = rng.Pick(kKelurahan);

    s.Set("agency", agency.name);
    s.Set("tanggal", sloppy_date ? ShortDate(event_day) : LongDate(event_day));
    s.Set("waktu", "pukul " + Clock(start_min) + "–" + Clock(end_min) + " WIB");
    s.Set("pukul", "pukul " + Clock(single) + " WIB");
    s.Set("pukul_malam", "pukul " + Clock(60 * rng.Range(20, 22)) + " WIB");
    s.Set("kel", kel.name);
    s.Set("kec", kel.kecamatan);
    s.Set("jalan", rng.Pick(kStreets));
    s.Set("place", rng.Pick(kPlaces));
    s.Set("kel2", other.name);
    s.Set("kec2", other.kecamatan);
    s.Set("wa", agency.wa);
    s.Set("web", agency.web);
    s.Set("hari_ini", NewsDate(today));
    s.Set("tenggat", sloppy_date ? ShortDate(deadline) : LongDate(deadline));
    s.Set("tahun", std::to_string(c.year));
    s.Set("tahun_depan", std::to_string(c.year + 1));
    s.Set("tahun_depan2", std::to_string(c.year + 2));
    return s;
  }

  std::string Hashtags(const Agency& agency, const char* topic_tag, bool wall, Platform p,
                       Rng& rng) {
    std::vector<std::string> tags;
    auto add = [&tags](const std::string& t) {
      if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
    };
    add("#Pangkalpinang");
    if (topic_tag != nullptr) add(topic_tag);
    add(agency.tag);
    if (wall) {
      const int n = rng.Range(10, 18);
      for (int i = 0; i < n; ++i) add(rng.Pick(kWallTags));
    } else if (p != Platform::kX && p != Platform::kBluesky && rng.Chance(0.5)) {
      add("#BangkaBelitung");
    }
    if (!wall && (p == Platform::kX || p == Platform::kBluesky))
      tags.resize(std::min<size_t>(tags.size(), 2));
    std::string out;
    for (const std::string& t : tags) {
      if (!out.empty()) out += ' ';
      out += t;
    }
    return out;
  }

  size_t LengthLimit(Platform p) const {
    switch (p) {
      case Platform::kX:
        return 280;
      case Platform::kBluesky:
        return 300;
      case Platform::kMastodon:
        return 500;
      case Platform::kInstagram:
        return 2200;
      case Platform::kFacebook:
        return 5000;
      case Platform::kYouTube:
        return 5000;
    }
    return 280;
  }

  struct Style {
    bool jargon = false;       // one long bureaucratic sentence
    bool casual = false;       // slang
    bool no_zone = false;      // "pukul 09.00" without WIB
    bool shout = false;        // a sentence in capitals
    bool wall = false;         // a wall of hashtags
    bool expand = false;       // spell out acronyms
    bool sloppy_date = false;  // "Kamis 12/11"
  };

  Style DrawStyle(const AccountSpec& spec, Rng& rng) {
    const double weak = 1.0 - spec.skill;
    Style st;
    st.jargon = rng.Chance(0.05 + 0.45 * weak);
    st.casual = !st.jargon && rng.Chance(0.04 + 0.28 * weak);
    st.no_zone = rng.Chance(0.05 + 0.55 * weak);
    st.shout = rng.Chance(0.03 + 0.22 * weak);
    st.wall = rng.Chance(0.03 + 0.35 * weak);
    st.expand = rng.Chance(spec.skill * 0.9);
    st.sloppy_date = rng.Chance(0.3 * weak);
    return st;
  }

  // The first variant (longest first) that the platform accepts; the last one
  // cut at a word boundary when none does.
  std::string FirstThatFits(const std::vector<std::string>& variants, Platform p) const {
    for (const std::string& v : variants) {
      if (DisplayLength(v) <= LengthLimit(p)) return v;
    }
    return TruncateWords(variants.back(), LengthLimit(p));
  }

  std::string HolidayText(const Holiday& h, const AccountState& acct, const Agency& agency,
                          const Style& st, int year, Rng& rng) {
    std::string title = std::string("Selamat ") + h.name;
    if (h.first_year > 0) title += " ke-" + std::to_string(year - h.first_year);
    const std::string head = st.shout ? Upper(title) + "!!! 🇮🇩" : title + " 🇮🇩";
    std::string message;
    if (st.jargon) {
      message = "Segenap jajaran " + std::string(agency.full) +
                " mengucapkan selamat memperingati " + h.name + " tahun " + std::to_string(year) +
                ", semoga momentum peringatan ini dapat menjadi pemacu semangat kita bersama "
                "dalam rangka meningkatkan kinerja dan pengabdian kepada bangsa, negara, serta "
                "masyarakat Kota Pangkalpinang yang kita cintai bersama.";
    } else {
      message = std::string(h.line) + "\n\n— " + acct.record.name;
    }
    const std::string tags = Hashtags(agency, "#Pangkalpinang", st.wall, acct.record.platform, rng);
    return FirstThatFits({head + "\n\n" + message + "\n\n" + tags, head + "\n\n" + message,
                          head + "\n\n" + h.line, head},
                         acct.record.platform);
  }

  std::string TopicText(const Topic& topic, const AccountState& acct, const Agency& agency,
                        const Style& st, const Slots& slots, Rng& rng) {
    const Platform p = acct.record.platform;
    const bool short_form = p == Platform::kX || p == Platform::kBluesky;
    const std::string headline = slots.Fill(topic.headline);
    std::string body = slots.Fill(topic.body);
    std::string extra = slots.Fill(topic.extra);
    if (st.expand) {
      // Spell out acronyms in the running text only; headlines stay short.
      std::string joined = body + "\n" + extra;
      ExpandAcronyms(joined);
      const size_t nl = joined.find('\n');
      body = joined.substr(0, nl);
      extra = joined.substr(nl + 1);
    }
    const std::string tags = Hashtags(agency, topic.tag, st.wall, p, rng);
    const std::string contact =
        std::string("Informasi: WhatsApp ") + agency.wa + " (Senin–Jumat, 08.00–15.00 WIB).";
    std::string shout = st.shout ? Upper(slots.Fill(topic.shout)) + "!!" : "";

    std::vector<std::string> variants;  // longest first; the first that fits wins
    if (st.casual) {
      std::string t = slots.Fill(topic.casual);
      if (!shout.empty()) t += " " + shout;
      variants.push_back(t + "\n\n" + tags);
      variants.push_back(t);
    } else if (st.jargon) {
      // One sentence of 60+ words: the habit the long-sentence rule targets.
      const std::string run_on =
          std::string(rng.Pick(kJargonOpeners)) + " " + topic.purpose +
          ", bersama ini disampaikan kepada seluruh masyarakat Kota Pangkalpinang hal-hal sebagai "
          "berikut: " +
          body + "; " + extra +
          "; adapun hal-hal yang belum jelas dapat ditanyakan "
          "langsung kepada " +
          agency.name +
          " pada jam kerja, sehingga diharapkan kepada seluruh "
          "lapisan masyarakat yang berkepentingan agar dapat memperhatikan serta menindaklanjuti "
          "informasi dimaksud sebagaimana mestinya.";
      std::string t = (st.shout ? Upper(headline) : headline) + "\n\n" + run_on;
      if (!shout.empty()) t += "\n\n" + shout;
      variants.push_back(t + "\n\n" + rng.Pick(kJargonClosers) + "\n\n" + tags);
      variants.push_back(t + "\n\n" + tags);
      variants.push_back(headline + ": " + Capitalize(body) + ".");
    } else {
      std::string head =
          std::string(rng.Pick(kHeadlineEmoji)) + (st.shout ? Upper(headline) : headline);
      std::string t;
      if (!short_form && acct.spec->skill > 0.6 && rng.Chance(0.4))
        t += std::string(rng.Pick(kGoodOpeners)) + "\n\n";
      t += head + "\n\n" + Capitalize(body) + ".";
      const std::string with_extra = t + " " + Capitalize(extra) + ".";
      const bool add_contact =
          rng.Chance(0.2 + 0.7 * acct.spec->skill) && topic.kind != Kind::kCeremonial &&
          body.find(agency.wa) == std::string::npos && extra.find(agency.wa) == std::string::npos;
      std::string link;
      if (topic.kind != Kind::kCeremonial && rng.Chance(0.35)) {
        link = acct.spec->skill < 0.4 && rng.Chance(0.6)
                   ? "Info lengkap: bit.ly/" + RandomChars(rng, kAlnum, 7)
                   : "Info lengkap: https://" + std::string(agency.web);
      }
      std::string full = with_extra;
      if (add_contact) full += "\n\n" + contact;
      if (!shout.empty()) full += "\n\n" + shout;
      if (!link.empty()) full += "\n" + link;
      variants.push_back(full + "\n\n" + tags);
      variants.push_back(with_extra + (shout.empty() ? "" : " " + shout) + "\n\n" + tags);
      variants.push_back(t + "\n\n" + tags);
      variants.push_back(t);
    }
    return FirstThatFits(variants, p);
  }

  std::vector<Media> MakeMedia(const Post& post, const AccountState& acct, const Topic* topic,
                               const Slots& slots, Rng& rng) {
    const Platform p = post.platform;
    int images = 0;
    bool video = false;
    switch (p) {
      case Platform::kInstagram:
        if (rng.Chance(0.25)) {
          video = true;
        } else {
          images = rng.Chance(0.4) ? rng.Range(2, 6) : 1;
        }
        break;
      case Platform::kFacebook:
        if (rng.Chance(0.12)) {
          video = true;
        } else {
          images = rng.Chance(0.3) ? rng.Range(2, 8) : 1;
        }
        break;
      case Platform::kYouTube:
        video = true;
        break;
      default:
        if (rng.Chance(0.6))
          images = rng.Range(1, rng.Chance(0.2) ? 4 : 1);
        else if (rng.Chance(0.1))
          video = true;
        break;
    }
    // Alt text habits: Mastodon users expect it; weak admins skip it.
    const double alt_rate =
        std::min(0.97, 0.05 + 0.85 * acct.spec->skill + (p == Platform::kMastodon ? 0.1 : 0.0));
    const std::string good_alt = topic != nullptr
                                     ? slots.Fill(topic->alt)
                                     : "Poster ucapan hari besar dari " + acct.record.name + ".";
    std::vector<Media> media;
    auto url_for = [&](const std::string& kind, int index) -> std::string {
      switch (p) {
        case Platform::kInstagram: {
          const std::string a = Digits(rng, 9);
          const std::string b = Digits(rng, 16);
          return "https://scontent.cdninstagram.com/v/t51.29350-15/" + a + "_" + b +
                 (kind == "video" ? "_n.mp4" : "_n.jpg");
        }
        case Platform::kFacebook: {
          const std::string a = Digits(rng, 9);
          const std::string b = Digits(rng, 16);
          const std::string c = Digits(rng, 19);
          return "https://scontent.fpkn1-1.fna.fbcdn.net/v/t39.30808-6/" + a + "_" + b + "_" + c +
                 "_n.jpg";
        }
        case Platform::kX:
          return "https://pbs.twimg.com/media/" + RandomChars(rng, kBase64Url, 15) + ".jpg";
        case Platform::kYouTube:
          return "https://i.ytimg.com/vi/" + post.id + "/maxresdefault.jpg";
        case Platform::kMastodon: {
          const std::string n = Digits(rng, 18);
          return "https://mastodon.pangkalpinangkota.go.id/system/media_attachments/files/" +
                 n.substr(0, 3) + "/" + n.substr(3, 3) + "/" + n.substr(6, 3) + "/original/" +
                 RandomChars(rng, kHex, 16) + (kind == "video" ? ".mp4" : ".jpeg");
        }
        case Platform::kBluesky:
          return "https://cdn.bsky.app/img/feed_fullsize/plain/" + acct.did + "/bafkrei" +
                 RandomChars(rng, kBase32Lower, 52) + "@jpeg";
      }
      return std::to_string(index);
    };
    if (video) {
      Media m;
      m.kind = "video";
      // YouTube has no alt text field; elsewhere a description may exist.
      if (p != Platform::kYouTube && rng.Chance(alt_rate * 0.6)) m.alt = "Video: " + good_alt;
      m.url = url_for("video", 0);
      media.push_back(std::move(m));
    }
    for (int i = 0; i < images; ++i) {
      Media m;
      m.kind = "image";
      if (rng.Chance(alt_rate)) {
        if (i == 0) {
          m.alt = good_alt;
        } else if (acct.spec->skill > 0.6) {
          const std::string page = std::to_string(i + 1) + " dari " + std::to_string(images);
          if (topic != nullptr && topic->kind != Kind::kCeremonial) {
            m.alt = "Poster halaman " + page + ", rincian tentang " + topic->noun + ".";
          } else {
            m.alt = "Dokumentasi kegiatan, foto " + page + ".";
          }
        } else {
          m.alt = rng.Chance(0.5) ? "foto kegiatan" : "gambar";
        }
      } else if (acct.spec->skill < 0.5 && rng.Chance(0.15)) {
        m.alt = rng.Chance(0.5) ? "gambar" : "foto";  // alt that says nothing
      }
      m.url = url_for("image", i);
      media.push_back(std::move(m));
    }
    return media;
  }

  std::string NewPostId(const AccountState& acct, int64_t unix, Rng& rng) {
    for (;;) {
      std::string id;
      switch (acct.record.platform) {
        case Platform::kInstagram: {
          const char* prefix = rng.Chance(0.5) ? "17" : "18";
          id = prefix + Digits(rng, 15);
          break;
        }
        case Platform::kFacebook:
          id = acct.record.id + "_" + "10" + Digits(rng, 14);
          break;
        case Platform::kX:
          id = XSnowflake(unix, rng);
          break;
        case Platform::kYouTube:
          id = RandomChars(rng, kBase64Url, 11);
          break;
        case Platform::kMastodon:
          id = MastodonId(unix, rng);
          break;
        case Platform::kBluesky:
          id = "at://" + acct.did + "/app.bsky.feed.post/" + BlueskyTid(unix, rng);
          break;
      }
      if (Claim(acct.record.platform, id)) return id;
    }
  }

  std::string PostUrl(const AccountState& acct, const Post& post, bool video, Rng& rng) {
    const std::string& h = acct.record.handle;
    switch (acct.record.platform) {
      case Platform::kInstagram:
        return std::string("https://www.instagram.com/") + (video ? "reel/" : "p/") +
               RandomChars(rng, kBase64Url, 11) + "/";
      case Platform::kFacebook: {
        const size_t us = post.id.find('_');
        return "https://www.facebook.com/" + acct.record.id + "/posts/" + post.id.substr(us + 1);
      }
      case Platform::kX:
        return "https://x.com/" + h + "/status/" + post.id;
      case Platform::kYouTube:
        return "https://www.youtube.com/watch?v=" + post.id;
      case Platform::kMastodon:
        return "https://mastodon.pangkalpinangkota.go.id/@" + h + "/" + post.id;
      case Platform::kBluesky: {
        const size_t slash = post.id.rfind('/');
        return "https://bsky.app/profile/" + h + "/post/" + post.id.substr(slash + 1);
      }
    }
    return "";
  }

  // --- Threads ------------------------------------------------------------

  // Facebook, YouTube and Instagram keep one level of replies under a top
  // comment; the others are trees.
  static bool Flattens(Platform p) {
    return p == Platform::kFacebook || p == Platform::kYouTube || p == Platform::kInstagram;
  }

  int DrawTopCount(double factor, Rng& rng) {
    const double u = rng.Unit();
    int n;
    if (u < 0.45) {
      n = rng.Range(0, 2);
    } else if (u < 0.85) {
      n = rng.Range(3, 8);
    } else if (u < 0.97) {
      n = rng.Range(9, 19);
    } else {
      n = rng.Range(20, 60);
    }
    return static_cast<int>(Round(n * factor));
  }

  ReplyKind DrawCitizenKind(Kind post_kind, Rng& rng) {
    // Shares of question, complaint, praise, other (spam is the rest).
    static constexpr double kMix[4][4] = {
        {0.36, 0.20, 0.23, 0.12},  // service
        {0.27, 0.10, 0.35, 0.18},  // education
        {0.08, 0.12, 0.50, 0.20},  // ceremonial
        {0.44, 0.14, 0.23, 0.12},  // event
    };
    const double* m = kMix[static_cast<int>(post_kind)];
    double u = rng.Unit();
    if ((u -= m[0]) < 0) return ReplyKind::kQuestion;
    if ((u -= m[1]) < 0) return ReplyKind::kComplaint;
    if ((u -= m[2]) < 0) return ReplyKind::kPraise;
    if ((u -= m[3]) < 0) return ReplyKind::kOther;
    return ReplyKind::kSpam;
  }

  std::string Greeting(int64_t unix, const std::string& name, Rng& rng) {
    const int64_t h = LocalSecondOfDay(unix) / 3600;
    const char* part = h < 11 ? "pagi" : h < 15 ? "siang" : h < 18 ? "sore" : "malam";
    const std::string kak = name.empty() ? "Kak" : "Kak " + name;
    switch (rng.Below(4)) {
      case 0:
        return "Halo " + kak;
      case 1:
        return std::string("Selamat ") + part + ", " + kak;
      case 2:
        return "Hai " + kak;
      default:
        return std::string("Selamat ") + part + ", Bapak/Ibu";
    }
  }

  std::string AgencyAnswer(const AccountState& acct, ReplyKind to, const Citizen& asker,
                           const std::string& answer, int64_t unix, const Slots& slots, Rng& rng) {
    const double skill = acct.spec->skill;
    const Agency& agency = Agencies()[static_cast<size_t>(acct.spec->agency)];
    if (!rng.Chance(0.15 + 0.8 * skill)) {
      // The weak habits: the pasted template, or a reply that says nothing.
      if (rng.Chance(0.55)) return acct.paste;
      return rng.Pick(kAgencyPoor);
    }
    const std::string name = rng.Chance(0.5) ? asker.given : "";
    Slots s = slots;
    s.Set("nama", name);
    std::string text;
    if (to == ReplyKind::kPraise || to == ReplyKind::kFollowUp) {
      text = s.Fill(to == ReplyKind::kPraise ? rng.Pick(kAgencyThanks) : rng.Pick(kAgencyFollowUp));
      // An empty {nama} leaves "Kak !" or "Kak ."; close the gap.
      ReplaceAll(text, "Kak !", "Kak!");
      ReplaceAll(text, "Kak .", "Kak.");
      return text;
    }
    text = Greeting(unix, name, rng);
    if (to == ReplyKind::kComplaint) {
      text += ", mohon maaf atas ketidaknyamanannya. ";
      text += s.Fill(answer.empty() ? rng.Pick(kAgencyComplaintSteps) : answer.c_str());
    } else {
      text += rng.Chance(0.6) ? ", terima kasih sudah bertanya. " : ". ";
      text +=
          s.Fill(answer.empty() ? "Silakan hubungi WhatsApp {wa} pada jam kerja." : answer.c_str());
    }
    if (rng.Chance(0.5 * skill) && text.find(agency.wa) == std::string::npos) {
      text += std::string(" Bila masih ada kendala, hubungi WhatsApp ") + agency.wa +
              " pada jam kerja ya.";
    }
    if (rng.Chance(0.4)) text += " 🙏";
    return text;
  }

  Utterance CitizenText(ReplyKind kind, const Agency& agency, const Topic* topic,
                        const Slots& slots, Platform p, Rng& rng) {
    Slots s = slots;
    s.Set("noun", topic != nullptr ? topic->noun : "acara ini");
    s.Set("agency", agency.name);
    const std::vector<Citizen>& pool = citizens_[static_cast<size_t>(p)];
    s.Set("mention", pool[rng.Below(pool.size())].handle);
    Utterance u;
    switch (kind) {
      case ReplyKind::kQuestion: {
        QA qa;
        if (rng.Chance(0.45)) {
          qa = rng.Pick(agency.questions);
        } else if (topic != nullptr && topic->kind == Kind::kEvent && rng.Chance(0.75)) {
          qa = rng.Pick(kEventQuestions);
        } else {
          qa = rng.Pick(kInfoQuestions);
        }
        u.text = s.Fill(qa.text);
        u.answer = qa.answer;
        break;
      }
      case ReplyKind::kComplaint:
        if (rng.Chance(0.45)) {
          const QA& qa = rng.Pick(agency.complaints);
          u.text = s.Fill(qa.text);
          u.answer = qa.answer;
        } else {
          u.text = s.Fill(rng.Pick(kComplaints));
        }
        break;
      case ReplyKind::kPraise:
        u.text = s.Fill(rng.Pick(kPraise));
        break;
      case ReplyKind::kOther:
        u.text = s.Fill(rng.Pick(kOther));
        break;
      case ReplyKind::kSpam:
        u.text = rng.Pick(kSpam);
        break;
      default:
        u.text = s.Fill(rng.Pick(kCitizenToCitizen));
        break;
    }
    return u;
  }

  int64_t AgencyDelay(const AccountState& acct, int64_t asked, Rng& rng) {
    const double minutes =
        std::clamp(LogNormal(rng, acct.spec->median_delay, 1.1), 2.0, 6.0 * 24 * 60);
    const int64_t t = asked + Round(minutes * 60);
    // Some admins answer in the evening from their phones, but nobody at 3 a.m.
    const int64_t hour = LocalSecondOfDay(t) / 3600;
    if (hour >= 6 && hour < 22 && rng.Chance(acct.spec->off_hours)) return t;
    return NextWorkingTime(t, rng);
  }

  std::vector<DraftReply> DraftThread(const PostPlan& plan, const AccountState& acct,
                                      const Agency& agency, const Slots& slots, Rng& rng) {
    const Platform p = acct.record.platform;
    const std::vector<Citizen>& pool = citizens_[static_cast<size_t>(p)];
    const std::vector<Citizen>& spam = spammers_[static_cast<size_t>(p)];
    const Kind kind = plan.topic != nullptr ? plan.topic->kind : Kind::kCeremonial;
    const double kind_factor = kind == Kind::kService || kind == Kind::kEvent ? 1.25
                               : kind == Kind::kEducation                     ? 0.85
                                                                              : 0.8;
    const int tops = DrawTopCount(kCommentFactor * acct.spec->engagement * kind_factor, rng);
    std::vector<DraftReply> d;
    std::vector<int> top_citizen_indices;
    auto add = [&d](int64_t t, int parent, Author author, int who, ReplyKind k, std::string text) {
      d.push_back(DraftReply{t, parent, author, who, k, std::move(text)});
      return static_cast<int>(d.size()) - 1;
    };
    for (int i = 0; i < tops; ++i) {
      const ReplyKind k = DrawCitizenKind(kind, rng);
      const int64_t delay = Round(std::clamp(LogNormal(rng, 100, 1.5), 1.0, 10.0 * 24 * 60) * 60);
      const int64_t t = plan.unix + delay;
      if (k == ReplyKind::kSpam) {
        const int spammer = static_cast<int>(rng.Below(spam.size()));
        add(t, -1, Author::kSpammer, spammer, k,
            CitizenText(k, agency, plan.topic, slots, p, rng).text);
        continue;
      }
      const int who = static_cast<int>(rng.Below(pool.size()));
      // Now and then a citizen answers another citizen instead of the post.
      if (!top_citizen_indices.empty() && rng.Chance(0.08)) {
        const int target = top_citizen_indices[rng.Below(top_citizen_indices.size())];
        const int64_t ct = d[static_cast<size_t>(target)].unix + rng.Range(120, 6 * 3600);
        add(ct, target, Author::kCitizen, who, ReplyKind::kOther,
            CitizenText(ReplyKind::kFollowUp, agency, plan.topic, slots, p, rng).text);
        continue;
      }
      const Utterance said = CitizenText(k, agency, plan.topic, slots, p, rng);
      const int me = add(t, -1, Author::kCitizen, who, k, said.text);
      top_citizen_indices.push_back(me);
      const Citizen& asker = pool[static_cast<size_t>(who)];
      const bool needs_answer = k == ReplyKind::kQuestion || k == ReplyKind::kComplaint;
      if (needs_answer && rng.Chance(acct.spec->answer_rate)) {
        const int64_t at = AgencyDelay(acct, t, rng);
        const int ans = add(at, me, Author::kAgency, 0, ReplyKind::kAgency,
                            AgencyAnswer(acct, k, asker, said.answer, at, slots, rng));
        if (rng.Chance(0.22)) {
          const bool unhappy = rng.Chance(0.35 + 0.4 * (1.0 - acct.spec->skill));
          const int64_t ft =
              at + Round(std::clamp(LogNormal(rng, 50, 1.2), 1.0, 3.0 * 24 * 60) * 60);
          const int parent = Flattens(p) ? me : ans;
          const int fu = add(ft, parent, Author::kCitizen, who, ReplyKind::kFollowUp,
                             unhappy ? rng.Pick(kFollowUpBad) : rng.Pick(kFollowUpGood));
          if (unhappy && rng.Chance(acct.spec->answer_rate * 0.6)) {
            const int64_t at2 = AgencyDelay(acct, ft, rng);
            add(at2, Flattens(p) ? me : fu, Author::kAgency, 0, ReplyKind::kAgency,
                AgencyAnswer(acct, ReplyKind::kFollowUp, asker, "", at2, slots, rng));
          }
        }
      } else if (k == ReplyKind::kPraise && rng.Chance(0.25 * acct.spec->skill)) {
        const int64_t at = AgencyDelay(acct, t, rng);
        add(at, me, Author::kAgency, 0, ReplyKind::kAgency,
            AgencyAnswer(acct, ReplyKind::kPraise, asker, "", at, slots, rng));
      }
    }
    return d;
  }

  std::string NewReplyId(const AccountState& acct, const Post& post, const std::string* parent_id,
                         const std::string& author_did, int64_t unix, Rng& rng) {
    const Platform p = acct.record.platform;
    for (;;) {
      std::string id;
      switch (p) {
        case Platform::kInstagram:
          id = "18" + Digits(rng, 15);
          break;
        case Platform::kFacebook:
          id = post.id.substr(post.id.find('_') + 1) + "_" + Digits(rng, rng.Range(15, 16));
          break;
        case Platform::kX:
          id = XSnowflake(unix, rng);
          break;
        case Platform::kYouTube:
          if (parent_id == nullptr) {
            static constexpr std::array<const char*, 4> kPrefix = {"Ugx", "Ugw", "Ugy", "Ugz"};
            id = rng.Pick(kPrefix);
            id += RandomChars(rng, kAlnum, 16) + "4AaABAg";
          } else {
            id = *parent_id + "." + RandomChars(rng, kBase64Url, 22);
          }
          break;
        case Platform::kMastodon:
          id = MastodonId(unix, rng);
          break;
        case Platform::kBluesky:
          id = "at://" + author_did + "/app.bsky.feed.post/" + BlueskyTid(unix, rng);
          break;
      }
      if (Claim(p, id)) return id;
    }
  }

  // --- One post with its replies and metrics ----------------------------

  void EmitPost(const PostPlan& plan) {
    Rng rng(plan.stream);
    // A copy, so that a trained admin's posts use the trained spec.
    AccountState acct = accounts_[static_cast<size_t>(plan.account)];
    if (acct.spec->agency == kCohortAgency && plan.unix >= kTrainingUnix) {
      acct.spec = &TrainedSpec(static_cast<size_t>(plan.account));
    }
    const Agency& agency = Agencies()[static_cast<size_t>(acct.spec->agency)];
    const Style st = DrawStyle(*acct.spec, rng);
    Slots slots = PostSlots(plan, agency, st.sloppy_date, rng);

    Post post;
    post.platform = acct.record.platform;
    post.id = NewPostId(acct, plan.unix, rng);
    post.account = acct.record.id;
    post.created_at = Timestamp{FormatRfc3339(plan.unix, kWibOffsetMinutes), plan.unix};
    post.lang = "id";
    if (plan.holiday != nullptr) {
      post.text =
          HolidayText(*plan.holiday, acct, agency, st, CivilOf(LocalDay(plan.unix)).year, rng);
    } else {
      post.text = TopicText(*plan.topic, acct, agency, st, slots, rng);
    }
    if (st.no_zone) ReplaceAll(post.text, " WIB", "");
    post.media = MakeMedia(post, acct, plan.topic, slots, rng);
    const bool video = !post.media.empty() && post.media.front().kind == "video";
    post.url = PostUrl(acct, post, video, rng);
    sink_(Record(post));

    // Replies: drafted with parent indices, dropped when they would fall
    // after the end of the period, sorted by time (a child is always later
    // than its parent), then given ids in that order.
    std::vector<DraftReply> drafts = DraftThread(plan, acct, agency, slots, rng);
    std::vector<int> order;
    std::vector<bool> keep(drafts.size(), false);
    for (size_t i = 0; i < drafts.size(); ++i) {
      const DraftReply& r = drafts[i];
      const bool parent_ok = r.parent < 0 || keep[static_cast<size_t>(r.parent)];
      keep[i] = parent_ok && r.unix < options_.end_unix;
      if (keep[i]) order.push_back(static_cast<int>(i));
    }
    std::stable_sort(order.begin(), order.end(), [&drafts](int a, int b) {
      return drafts[static_cast<size_t>(a)].unix < drafts[static_cast<size_t>(b)].unix;
    });
    std::vector<std::string> ids(drafts.size());
    std::vector<int64_t> reply_times;
    const size_t pi = static_cast<size_t>(post.platform);
    for (int i : order) {
      const DraftReply& r = drafts[static_cast<size_t>(i)];
      Reply reply;
      reply.platform = post.platform;
      reply.post = post.id;
      if (r.parent >= 0) reply.parent = ids[static_cast<size_t>(r.parent)];
      if (r.author == Author::kAgency) {
        reply.author_id = acct.record.id;
        reply.author = acct.record.handle;
      } else {
        const Citizen& c = r.author == Author::kCitizen ? citizens_[pi][static_cast<size_t>(r.who)]
                                                        : spammers_[pi][static_cast<size_t>(r.who)];
        reply.author_id = c.id;
        reply.author = c.handle;
      }
      // YouTube threads have one level: a reply's id extends its top comment's.
      const std::string* yt_parent = nullptr;
      if (post.platform == Platform::kYouTube && r.parent >= 0)
        yt_parent = &ids[static_cast<size_t>(r.parent)];
      reply.id = NewReplyId(acct, post, yt_parent, reply.author_id, r.unix, rng);
      ids[static_cast<size_t>(i)] = reply.id;
      reply.created_at = Timestamp{FormatRfc3339(r.unix, kWibOffsetMinutes), r.unix};
      reply.text = r.text;
      reply_times.push_back(r.unix);
      sink_(Record(reply));
    }

    EmitMetrics(plan, acct, post, reply_times, rng);
  }

  void EmitMetrics(const PostPlan& plan, const AccountState& acct, const Post& post,
                   const std::vector<int64_t>& reply_times, Rng& rng) {
    const Platform p = post.platform;
    const int64_t followers_end = acct.record.followers.value_or(0);
    const double span = static_cast<double>(options_.end_unix - start_);
    auto followers_at = [&](int64_t t) {
      const double f = static_cast<double>(t - start_) / span;
      return acct.followers_start +
             Round((followers_end - acct.followers_start) * std::clamp(f, 0.0, 1.0));
    };
    const Kind kind = plan.topic != nullptr ? plan.topic->kind : Kind::kCeremonial;
    double rate = 0.01;  // final likes per follower
    switch (p) {
      case Platform::kInstagram:
        rate = 0.025;
        break;
      case Platform::kFacebook:
        rate = 0.012;
        break;
      case Platform::kX:
        rate = 0.004;
        break;
      case Platform::kYouTube:
        rate = 0.02;
        break;
      case Platform::kMastodon:
        rate = 0.03;
        break;
      case Platform::kBluesky:
        rate = 0.025;
        break;
    }
    if (kind == Kind::kCeremonial) rate *= 1.4;  // officials in photos draw likes
    const double final_likes = static_cast<double>(followers_end) * LogNormal(rng, rate, 0.6) +
                               2.0 * static_cast<double>(reply_times.size());
    const double share_ratio = kind == Kind::kService || kind == Kind::kEvent ? 0.18
                               : kind == Kind::kEducation                     ? 0.12
                                                                              : 0.04;
    const double final_shares = final_likes * LogNormal(rng, share_ratio, 0.5);
    const double final_quotes = final_likes * 0.02 * rng.Unit();
    const bool video = !post.media.empty() && post.media.front().kind == "video";
    double view_ratio = 0;
    if (p == Platform::kX) view_ratio = 20 + 40 * rng.Unit();
    if (p == Platform::kYouTube) view_ratio = 15 + 25 * rng.Unit();
    if (p == Platform::kInstagram && video) view_ratio = 8 + 12 * rng.Unit();

    // Snapshot moments: within a day, within a week, within three weeks.
    std::vector<int64_t> times;
    const int wanted = rng.Range(1, 3);
    const int64_t offsets[3] = {rng.Range(3600, 20 * 3600), rng.Range(2 * 86400, 5 * 86400),
                                rng.Range(10 * 86400, 20 * 86400)};
    for (int i = 0; i < wanted; ++i) {
      const int64_t t = plan.unix + offsets[i];
      if (t <= options_.end_unix) times.push_back(t);
    }
    if (times.empty()) times.push_back(options_.end_unix);

    for (int64_t t : times) {
      const double age_h = static_cast<double>(t - plan.unix) / 3600.0;
      const double frac = 1.0 - 0.85 * Exp(-age_h / 10.0) - 0.15 * Exp(-age_h / 120.0);
      Metrics m;
      m.platform = p;
      m.post = post.id;
      m.at = Timestamp{FormatRfc3339(t, kWibOffsetMinutes), t};
      m.likes = Round(final_likes * frac);
      int64_t replies = 0;
      for (int64_t rt : reply_times) replies += rt <= t ? 1 : 0;
      m.replies = replies;
      if (p == Platform::kFacebook || p == Platform::kX || p == Platform::kMastodon ||
          p == Platform::kBluesky) {
        m.shares = Round(final_shares * frac);
      }
      if (p == Platform::kX || p == Platform::kBluesky) m.quotes = Round(final_quotes * frac);
      if (view_ratio > 0) m.views = Round(final_likes * view_ratio * frac);
      m.followers = followers_at(t);
      sink_(Record(m));
    }
  }

  const DemoOptions& options_;
  const std::function<void(const Record&)>& sink_;
  Rng rng_;
  int64_t start_ = 0;
  std::vector<AccountState> accounts_;
  std::array<std::vector<Citizen>, 6> citizens_;
  std::array<std::vector<Citizen>, 6> spammers_;
  std::array<std::set<std::string>, 6> citizen_ids_;
  std::array<std::set<std::string>, 6> used_ids_;
};

}  // namespace

void GenerateDemoData(const DemoOptions& options, const std::function<void(const Record&)>& sink) {
  if (options.days <= 0 || !(options.scale > 0)) return;
  Generator generator(options, sink);
  generator.Run();
}

}  // namespace tanggap
