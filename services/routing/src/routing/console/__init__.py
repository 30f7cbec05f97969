"""The agency console (`/console`): agency staff sign in with their own accounts, work their queue,
act on requests through the same recipes as the agency API and Kafka (`actions.respond`, with the
staff member recorded), supervisors see escalations, the coordinator every agency, and agency
administrators manage their staff. Server-rendered pages; no JavaScript needed."""
