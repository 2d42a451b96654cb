// The administration pages' queries (dashboard /admin): agencies with their
// footprint, users with roles and scopes, registered collector accounts with
// their trainees and latest run, and the writes an admin makes to users and
// assignments. Free functions over a Store's connection (store_access.h);
// like Store itself, not thread-safe: one connection per thread.
//
// Every list is bounded by `limit`; tokens are never stored, so nothing here
// can return one.
#ifndef TANGGAP_STORE_ADMIN_QUERIES_H_
#define TANGGAP_STORE_ADMIN_QUERIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace tanggap {

// One agency as the admin sees it. Agencies are created when their first
// account's records arrive; a name only registered for collection so far
// has no SLA and no accounts yet.
struct AgencyAdminRow {
  std::string name;
  std::optional<double> sla_hours;  // nullopt: not in the agencies table yet
  int64_t accounts = 0;             // platform accounts with records
  int64_t registered = 0;           // collector registrations naming it
  int64_t users = 0;                // supervisors of it and trainees of its accounts
};
// By name.
Result<std::vector<AgencyAdminRow>> AdminAgencies(Store& store, int limit);

struct UserAdminRow {
  User user;                          // password_hash left empty
  std::vector<std::string> accounts;  // "platform:handle" the user runs (trainees)
  int64_t created_unix = 0;
};
// By username.
Result<std::vector<UserAdminRow>> AdminUsers(Store& store, int limit);
// Every agency name (for the forms' choices), by name.
Result<std::vector<std::string>> AgencyNames(Store& store, int limit);

struct RegisteredAdminRow {
  RegisteredAccount account;
  std::vector<std::string> trainees;  // usernames assigned to its platform account
  std::optional<CollectorRun> last;   // the newest row of collector_runs
};
// By platform, handle.
Result<std::vector<RegisteredAdminRow>> AdminRegisteredAccounts(Store& store, int limit);

// Outcome of a change to a user that may be refused by a rule rather than
// fail: the database never loses its last enabled admin.
enum class UserChange { kDone, kNoSuchUser, kLastAdmin };

// Adds a user and their agencies in one transaction: an unknown agency
// leaves nothing behind (Store::AddUser's messages on failure).
Result<int64_t> AdminAddUser(Store& store, const User& user);
// role: "trainee", "supervisor" or "admin" (anything else: InvalidArgument).
// Demoting the last enabled admin is refused.
Result<UserChange> SetUserRole(Store& store, const std::string& username, const std::string& role);
// Disabling ends the user's sessions; disabling the last enabled admin is
// refused.
Result<UserChange> SetUserDisabled(Store& store, const std::string& username, bool disabled);
// Replaces the agencies a user oversees; an unknown agency fails with
// kNotFound and changes nothing.
Result<UserChange> SetUserAgencies(Store& store, const std::string& username,
                                   const std::vector<std::string>& agencies);

// Assigning a trainee to the platform account behind a registration, which
// exists only once a first collection stored the account's records.
enum class Assignment { kDone, kNoSuchAccount, kNotCollectedYet, kNoSuchUser, kNotATrainee };
Result<Assignment> AssignTraineeToRegistered(Store& store, int64_t registered_id,
                                             const std::string& username);
// Removes the assignment (kDone also when there was none).
Result<Assignment> UnassignTraineeFromRegistered(Store& store, int64_t registered_id,
                                                 const std::string& username);

}  // namespace tanggap

#endif  // TANGGAP_STORE_ADMIN_QUERIES_H_
