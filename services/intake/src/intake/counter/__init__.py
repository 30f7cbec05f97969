"""Counter staff: each help-desk counter's staff sign in with their own accounts (argon2, sessions,
lockout from `dekat.accounts`), so every request taken at a counter names who took it (`taken_by`).
Operators make the accounts with intake's admin key; the counter's machine key stays for machines."""
