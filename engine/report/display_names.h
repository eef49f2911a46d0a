// The names the page shows for job family keys. Today a table of the municipal sector's
// names (A&O fonds Gemeenten, Personeelsmonitor) with a readable fallback for other keys.
#pragma once

#include <string>

namespace krapte {

/// The name a job family has in the municipal sector ("sociaal_domein" -> "Sociaal domein");
/// unknown keys get their underscores replaced and a capital.
std::string job_family_display_name(const std::string& key);

}  // namespace krapte
