"""The public projection: what the events say about every request, folded into intake's own
`public_*` tables for the public pages, the open data and the agencies' figures.

Built only from Kafka (`requests.submitted.v1`, `requests.assigned.v1`, `requests.status.v1`,
`requests.feedback.v1`, `network.agencies.v1`), in consumer groups of its own, never from another
table of intake's (its copy of the network's areas only places a request); `python -m
intake.projection rebuild` empties it and replays the topics from the beginning (see `generations`).
"""
