"""Staff who sign in: personal accounts (argon2 passwords), server-side sessions, and sign-in
throttling, shared by routing (agency staff, the console) and intake (counter staff).

A service opts in by applying the `dekat.accounts` migrations; its accounts belong to an *office*:
an agency in routing, a help-desk counter in intake.
"""
