package access

// UserFilter narrows the account list; zero fields do not filter.
type UserFilter struct {
	// Search matches part of the username or the display name, ignoring case.
	Search string
	Role   Role
	Unit   string
	// Disabled, when set, keeps only disabled (true) or active (false)
	// accounts.
	Disabled *bool
	// SignedIn, when set, keeps only the accounts that have signed in at
	// least once (true) or never (false).
	SignedIn *bool
}
