"""The bare pipeline: the least work that does what Dekat does, to measure Dekat against.

One FastAPI + pydantic process stores a request and its contact in one transaction and produces
both (idempotent, acks=all); two consuming hops, in batches, each store an inbox row and their
effect in one transaction: `route` puts a work item on the agency topic, `notify` sends the email.
"""
