"""Server side of event tracking: classification, filtering, throttling and reports.

``classify`` sorts arrivals, ``filters`` decides which requests are silently dropped,
``throttle`` counts requests per hashed client, ``rollups`` aggregates and prunes raw
events and ``attribution`` answers "what did the shares bring back".
"""
