@token-events
Feature: Token events
  Token events attach to a token type/value pair, not to a customer: an
  event may be recorded before the customer exists and before the token is
  added to a customer. POST /customers/tokens/events finds a pair and answers
  its TokenDetail: the id of the pair, the customer and token that own it (if
  any), the aggregated status and the events, oldest first. An event in the
  body is recorded first. The id is random until the pair gets its first
  event or its first customer token; from then on it is stable.

  The status is the owning customer's status when set; otherwise the status
  of the latest event that has a status and has not expired, falling back to
  the previous one; otherwise UNKNOWN. An event's created_at is the sandbox
  clock; its expires_at is the one the client sends, or else created_at plus
  the settings tokens.event_expiry time_to_live for its status.

  GET /customers/tokens/events lists the pairs that have an id, oldest first,
  with the status of their events. `starting_after` takes the last id seen
  (the paging_token header names it); `since_datetime` returns the pairs
  updated at or after it, ordered by update time; `deleted_since` returns only
  the pairs whose events were deleted at or after it.
  DELETE /customers/tokens/events clears a pair's events (204); an event in the
  body is recorded as the pair's only event, with status DELETED.

  Background:
    Given I am authenticated as "admin-client"

  # --- POST /customers/tokens/events: lookups ---------------------------------

  Scenario: Looking up an unknown pair answers UNKNOWN with a random id
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "0000000000000000000000000000000000000000"}}
      """
    Then the response status is 200
    And the response body equals, ignoring "id":
      """
      {"status": "UNKNOWN", "events": []}
      """
    And the response field "id" matches "^\S+$"
    And I save the response field "id" as "first"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "0000000000000000000000000000000000000000"}}
      """
    Then the response status is 200
    And the response field "id" is other than "{first}"
    And the response field "status" is "UNKNOWN"
    When I GET "/customers/tokens/events"
    Then the response status is 200
    And the response body is:
      """
      []
      """

  @in-process
  Scenario: Recording an event gives the pair a stable id
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92"},
       "event": {"event": "customer declined signup in store", "status": "OPT_OUT", "metadata": {"store_id": "SID1234"}}}
      """
    Then the response status is 200
    And the response body equals, ignoring "id":
      """
      {"status": "OPT_OUT",
       "events": [{"event": "customer declined signup in store", "status": "OPT_OUT",
                   "metadata": {"store_id": "SID1234"}, "created_at": "2026-01-02T03:04:05.000Z"}]}
      """
    And I save the response field "id" as "pair"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92"}}
      """
    Then the response status is 200
    And the response field "id" is "{pair}"
    And the response field "status" is "OPT_OUT"
    And the response field "events" is a list of 1 item
    When I GET "/customers/tokens/events"
    Then the response body is:
      """
      [{"id": "{pair}", "status": "OPT_OUT",
        "events": [{"event": "customer declined signup in store", "status": "OPT_OUT",
                    "metadata": {"store_id": "SID1234"}, "created_at": "2026-01-02T03:04:05.000Z"}],
        "created_at": "2026-01-02T03:04:05.000Z", "updated_at": "2026-01-02T03:04:05.000Z"}]
      """

  @in-process
  Scenario: Events of a pair are kept oldest first
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-1"}, "event": {"event": "anonymous token", "status": "PENDING"}}
      """
    And the sandbox clock advances 60 seconds
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-1"}, "event": {"event": "visited the store"}}
      """
    Then the response status is 200
    And the response field "events" is:
      """
      [{"event": "anonymous token", "status": "PENDING", "created_at": "2026-01-02T03:04:05.000Z"},
       {"event": "visited the store", "created_at": "2026-01-02T03:05:05.000Z"}]
      """

  Scenario: The pair type and value both identify the pair
    Given the token events:
      | type     | value  | event          | status  |
      | PAN_HASH | 4f2a9c | card opted out | OPT_OUT |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "SHA256", "value": "4f2a9c"}}
      """
    Then the response field "status" is "UNKNOWN"
    And the response field "events" is a list of 0 items
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4F2A9C"}}
      """
    Then the response field "status" is "UNKNOWN"
    And the response field "events" is a list of 0 items

  Scenario: A lookup shows the customer and the token that own the pair
    Given the customers:
      | customer_id | first_name | email            |
      | c-1         | John       | john@example.com |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  | metadata             |
      | card-1   | PAN_HASH | 4f2a9c | {"mask_pan": "3477"} |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"customer": {"customer_id": "c-1", "type": "customer", "first_name": "John", "email": "john@example.com"},
       "token": {"token_id": "card-1", "type": "PAN_HASH", "value": "4f2a9c", "metadata": {"mask_pan": "3477"}},
       "status": "UNKNOWN", "events": []}
      """
    And I save the response field "id" as "pair"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "id" is "{pair}"

  Scenario: An event recorded before the token exists joins the customer later
    Given the customers:
      | customer_id |
      | c-1         |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "card seen in store", "status": "PENDING"}}
      """
    Then the response status is 200
    And the response has no field "customer"
    And the response has no field "token"
    And I save the response field "id" as "pair"
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"token_id": "card-1", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 201
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "id" is "{pair}"
    And the response field "customer.customer_id" is "c-1"
    And the response field "token.token_id" is "card-1"
    And the response field "events.0.event" is "card seen in store"
    And the response field "status" is "PENDING"

  Scenario: Adding a customer token gives the pair its stable id
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    And I save the response field "id" as "pair"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer declined signup", "status": "OPT_OUT"}}
      """
    Then the response field "id" is "{pair}"
    When I GET "/customers/tokens/events"
    Then the "id" of the response items are "{pair}"
    And the "status" of the response items are "OPT_OUT"

  # --- Event times and expiry -------------------------------------------------

  @in-process
  Scenario: The sandbox clock sets created_at, whatever the client sends
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"},
       "event": {"event": "card seen in store", "status": "PENDING", "created_at": "2020-01-01T00:00:00Z"}}
      """
    Then the response status is 200
    And the response field "events.0.created_at" is "2026-01-02T03:04:05.000Z"
    When I GET "/customers/tokens/events"
    Then the response field "0.events.0.created_at" is "2026-01-02T03:04:05.000Z"

  @in-process
  Scenario: An expires_at from the client is kept
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"},
       "event": {"event": "customer declined signup in store", "status": "OPT_OUT", "expires_at": "2026-07-01T00:00:00Z"}}
      """
    Then the response status is 200
    And the response field "events.0.expires_at" is "2026-07-01T00:00:00.000Z"
    And the response field "status" is "OPT_OUT"

  @in-process
  Scenario: An event without expires_at and without a matching expiry setting never expires
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer declined signup", "status": "OPT_OUT"}}
      """
    Then the response has no field "events.0.expires_at"
    When the sandbox clock advances 3650 days
    And I am authenticated as "admin-client"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "OPT_OUT"

  @in-process
  Scenario: settings tokens.event_expiry sets expires_at from the event's status
    Given the account settings are:
      """
      {"tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 3600}]}}
      """
    And the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer declined signup", "status": "OPT_OUT"}}
      """
    Then the response status is 200
    And the response field "events.0.created_at" is "2026-01-02T03:04:05.000Z"
    And the response field "events.0.expires_at" is "2026-01-02T04:04:05.000Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "card seen in store", "status": "PENDING"}}
      """
    Then the response field "events.1.status" is "PENDING"
    And the response has no field "events.1.expires_at"

  @in-process
  Scenario: A client expires_at takes precedence over the expiry setting
    Given the account settings are:
      """
      {"tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 3600}]}}
      """
    And the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"},
       "event": {"event": "customer declined signup", "status": "OPT_OUT", "expires_at": "2026-02-01T00:00:00Z"}}
      """
    Then the response field "events.0.expires_at" is "2026-02-01T00:00:00.000Z"

  # --- Status aggregation -----------------------------------------------------

  Scenario: The owning customer's status wins over the events
    Given the customers:
      | customer_id | status |
      | c-1         | ACTIVE |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer declined signup", "status": "OPT_OUT"}}
      """
    Then the response status is 200
    And the response field "status" is "ACTIVE"
    And the response field "events.0.status" is "OPT_OUT"

  Scenario: A customer without a status leaves the status to the events
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer declined signup", "status": "OPT_OUT"}}
      """
    Then the response field "status" is "OPT_OUT"
    When I PUT "/customers/users/c-1" with body:
      """
      {"status": "MEMBER"}
      """
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "MEMBER"

  Scenario: The latest event's status wins
    Given the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | card seen in store | PENDING |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "OPT_OUT"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer opted in", "status": "OPT_IN"}}
      """
    Then the response field "status" is "OPT_IN"

  Scenario: Events without a status do not change the status
    Given the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT |
      | PAN_HASH | 4f2a9c | visited the store  |         |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "OPT_OUT"
    And the response field "events" is a list of 2 items
    And the response has no field "events.1.status"

  Scenario: Only events without a status leave the status UNKNOWN
    Given the token events:
      | type     | value  | event             |
      | PAN_HASH | 4f2a9c | visited the store |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "UNKNOWN"
    And the response field "events" is a list of 1 item

  @in-process
  Scenario: When the latest event expires, the status falls back to the previous event
    Given the account settings are:
      """
      {"tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 3600}]}}
      """
    And the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | card seen in store | PENDING |
    And the sandbox clock is frozen at "2026-01-02T04:00:00Z"
    And the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT |
    When the sandbox clock is frozen at "2026-01-02T04:59:59Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "OPT_OUT"
    # An event has expired from the instant of its expires_at.
    When the sandbox clock is frozen at "2026-01-02T05:00:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "PENDING"
    And the response field "events" is a list of 2 items
    And the response field "events.1.expires_at" is "2026-01-02T05:00:00.000Z"

  @in-process
  Scenario: When every event has expired the status is UNKNOWN
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And the token events:
      | type     | value  | event              | status  | expires_at           |
      | PAN_HASH | 4f2a9c | card seen in store | PENDING | 2026-01-03T00:00:00Z |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT | 2026-01-02T12:00:00Z |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "OPT_OUT"
    When the sandbox clock advances 2 days
    And I am authenticated as "admin-client"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "UNKNOWN"
    And the response field "events" is a list of 2 items

  @in-process
  Scenario: An expired status falls back through several events
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And the token events:
      | type     | value  | event              | status  | expires_at           |
      | PAN_HASH | 4f2a9c | card seen in store | PENDING | 2026-01-03T00:00:00Z |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT | 2026-01-02T12:00:00Z |
    When the sandbox clock is frozen at "2026-01-02T13:00:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "PENDING"
    When the sandbox clock is frozen at "2026-01-03T00:00:01Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "UNKNOWN"
    And the response field "events" is a list of 2 items

  @in-process
  Scenario: The customer's status does not expire with the events
    Given the customers:
      | customer_id | status |
      | c-1         | ACTIVE |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    And the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And the token events:
      | type     | value  | event              | status  | expires_at           |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT | 2026-01-02T04:00:00Z |
    When the sandbox clock advances 2 days
    And I am authenticated as "admin-client"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "ACTIVE"

  Scenario: The list resolves each pair's status from its events alone
    Given the customers:
      | customer_id | status |
      | c-1         | ACTIVE |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    And the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "ACTIVE"
    When I GET "/customers/tokens/events"
    Then the response is a list of 1 item
    And the response field "0.status" is "OPT_OUT"

  @in-process
  Scenario: The list applies expiry as the lookup does
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And the token events:
      | type     | value  | event              | status  | expires_at           |
      | PAN_HASH | 4f2a9c | card seen in store | PENDING |                      |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT | 2026-01-02T04:00:00Z |
      | SHA256   | b5e1d0 | customer opted out | OPT_OUT | 2026-01-02T04:00:00Z |
    When I GET "/customers/tokens/events"
    Then the "status" of the response items are "OPT_OUT, OPT_OUT"
    When the sandbox clock advances 1 day
    And I am authenticated as "admin-client"
    And I GET "/customers/tokens/events"
    Then the "status" of the response items are "PENDING, UNKNOWN"

  # --- GET /customers/tokens/events -------------------------------------------

  @in-process
  Scenario: Token events are listed oldest first
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "v1"}, "event": {"event": "first", "status": "PENDING"}}
      """
    And I save the response field "id" as "a"
    And the sandbox clock advances 1 second
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "v2"}, "event": {"event": "second", "status": "OPT_OUT"}}
      """
    And I save the response field "id" as "b"
    And the sandbox clock advances 1 second
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "v1"}, "event": {"event": "third", "status": "OPT_IN"}}
      """
    And I GET "/customers/tokens/events"
    Then the response status is 200
    And the response body is:
      """
      [{"id": "{a}", "status": "OPT_IN", "events": [
          {"event": "first", "status": "PENDING", "created_at": "2026-01-02T03:00:00.000Z"},
          {"event": "third", "status": "OPT_IN", "created_at": "2026-01-02T03:00:02.000Z"}],
        "created_at": "2026-01-02T03:00:00.000Z", "updated_at": "2026-01-02T03:00:02.000Z"},
       {"id": "{b}", "status": "OPT_OUT", "events": [
          {"event": "second", "status": "OPT_OUT", "created_at": "2026-01-02T03:00:01.000Z"}],
        "created_at": "2026-01-02T03:00:01.000Z", "updated_at": "2026-01-02T03:00:01.000Z"}]
      """
    And the response has no header "paging_token"

  Scenario: A page holds 10 token event records by default
    Given the token events:
      | type | value | event |
      | T    | v01   | e     |
      | T    | v02   | e     |
      | T    | v03   | e     |
      | T    | v04   | e     |
      | T    | v05   | e     |
      | T    | v06   | e     |
      | T    | v07   | e     |
      | T    | v08   | e     |
      | T    | v09   | e     |
      | T    | v10   | e     |
      | T    | v11   | e     |
    When I GET "/customers/tokens/events"
    Then the response status is 200
    And the response is a list of 10 items
    And I save the response field "9.id" as "tenth"
    And the response header "paging_token" is "{tenth}"
    When I GET "/customers/tokens/events?starting_after={tenth}"
    Then the response is a list of 1 item
    And the response has no header "paging_token"

  @in-process
  Scenario: paging_token names the id to send as starting_after
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And the token events:
      | type | value | event  |
      | T    | v1    | first  |
      | T    | v2    | second |
      | T    | v3    | third  |
    When I GET "/customers/tokens/events?limit=2"
    Then the response status is 200
    And the "events.0.event" of the response items are "first, second"
    And I save the response field "1.id" as "second"
    And the response header "paging_token" is "{second}"
    When I GET "/customers/tokens/events?limit=2&starting_after={second}"
    Then the response status is 200
    And the "events.0.event" of the response items are "third"
    And the response has no header "paging_token"

  Scenario: An unknown token events id as starting_after is 400
    Given the token events:
      | type | value | event |
      | T    | v1    | first |
    When I GET "/customers/tokens/events?starting_after=3c90c3cc-0d44-4b50-8888-8dd25736052a"
    Then the response status is 400
    And the error message contains "starting_after"

  Scenario Outline: A token events limit must be an integer from 1 to 100 (limit=<limit>)
    When I GET "/customers/tokens/events?limit=<limit>"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the query field "limit"

    Examples:
      | limit |
      | 0     |
      | 101   |
      | many  |

  Scenario Outline: The token events list accepts limit=<limit>
    Given the token events:
      | type | value | event  |
      | T    | v1    | first  |
      | T    | v2    | second |
    When I GET "/customers/tokens/events?limit=<limit>"
    Then the response status is 200
    And the "events.0.event" of the response items are "<events>"

    Examples:
      | limit | events        |
      | 1     | first         |
      | 100   | first, second |

  @in-process
  Scenario: since_datetime lists the pairs updated at or after it, by update time
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "a"}, "event": {"event": "a first"}}
      """
    And I save the response field "id" as "a"
    And the sandbox clock is frozen at "2026-01-02T03:01:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "b"}, "event": {"event": "b first"}}
      """
    And I save the response field "id" as "b"
    And the sandbox clock is frozen at "2026-01-02T03:02:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "c"}, "event": {"event": "c first"}}
      """
    And I save the response field "id" as "c"
    And the sandbox clock is frozen at "2026-01-02T03:03:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "a"}, "event": {"event": "a again"}}
      """
    When I GET "/customers/tokens/events?since_datetime=2026-01-02T03:01:00Z"
    Then the response status is 200
    And the "id" of the response items are "{b}, {c}, {a}"
    When I GET "/customers/tokens/events?since_datetime=2026-01-02T03:01:00.001Z"
    Then the "id" of the response items are "{c}, {a}"
    When I GET "/customers/tokens/events?since_datetime=2026-01-02T03:03:00.001Z"
    Then the response body is:
      """
      []
      """
    When I GET "/customers/tokens/events"
    Then the "id" of the response items are "{a}, {b}, {c}"

  @in-process
  Scenario: since_datetime together with limit pages by the latest update time
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And the token events:
      | type | value | event  |
      | T    | v1    | first  |
      | T    | v2    | second |
      | T    | v3    | third  |
    When I GET "/customers/tokens/events?since_datetime=2026-01-02T03:00:00.001Z&limit=1"
    Then the "events.0.event" of the response items are "second"
    When I GET "/customers/tokens/events?since_datetime=2026-01-02T03:00:00.002Z&limit=1"
    Then the "events.0.event" of the response items are "third"

  Scenario: since_datetime cannot be combined with starting_after on token events
    Given the token events:
      | type | value | event |
      | T    | v1    | first |
    When I GET "/customers/tokens/events"
    And I save the response field "0.id" as "first"
    And I GET "/customers/tokens/events?since_datetime=2026-01-01T00:00:00Z&starting_after={first}"
    Then the response status is 400
    And the error message contains "since_datetime"

  Scenario Outline: A malformed token events <field> is 400 (<value>)
    When I GET "/customers/tokens/events?<field>=<value>"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the query field "<field>"

    Examples:
      | field          | value                |
      | since_datetime | yesterday            |
      | since_datetime | 2026-01-02           |
      | since_datetime | 2026-13-01T00:00:00Z |
      | deleted_since  | yesterday            |
      | deleted_since  | 2026-01-02           |

  # --- DELETE /customers/tokens/events ----------------------------------------

  Scenario: Delete the events of a pair
    Given the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | card seen in store | PENDING |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT |
    When I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 204
    And the response body is empty
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 200
    And the response field "events" is a list of 0 items
    And the response field "status" is "UNKNOWN"
    When I GET "/customers/tokens/events"
    Then the response body is:
      """
      []
      """

  @in-process
  Scenario: A delete event is recorded as the pair's only event, with status DELETED
    Given the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | card seen in store | PENDING |
    And the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"},
       "event": {"event": "customer registered in webshop", "metadata": {"order_id": "o-1"}}}
      """
    Then the response status is 204
    And the response body is empty
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response body equals, ignoring "id":
      """
      {"status": "DELETED",
       "events": [{"event": "customer registered in webshop", "status": "DELETED",
                   "metadata": {"order_id": "o-1"}, "created_at": "2026-01-02T03:04:05.000Z"}]}
      """

  @in-process
  Scenario: deleted_since lists the deleted pairs with their delete event
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "card seen in store", "status": "PENDING"}}
      """
    And I save the response field "id" as "pair"
    And the sandbox clock advances 60 seconds
    And I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer registered in webshop"}}
      """
    Then the response status is 204
    When I GET "/customers/tokens/events"
    Then the response body is:
      """
      []
      """
    When I GET "/customers/tokens/events?deleted_since=2026-01-02T03:00:00Z"
    Then the response status is 200
    And the response body is:
      """
      [{"id": "{pair}", "status": "DELETED",
        "events": [{"event": "customer registered in webshop", "status": "DELETED", "created_at": "2026-01-02T03:01:00.000Z"}],
        "created_at": "2026-01-02T03:00:00.000Z", "updated_at": "2026-01-02T03:01:00.000Z", "deleted_at": "2026-01-02T03:01:00.000Z"}]
      """

  @in-process
  Scenario: deleted_since returns only the pairs deleted at or after it
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And the token events:
      | type | value | event   |
      | T    | a     | a first |
      | T    | b     | b first |
      | T    | c     | c first |
    And the sandbox clock is frozen at "2026-01-02T03:01:00Z"
    When I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "a"}}
      """
    And the sandbox clock is frozen at "2026-01-02T03:02:00Z"
    And I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "T", "value": "b"}, "event": {"event": "b deleted"}}
      """
    And I GET "/customers/tokens/events?deleted_since=2026-01-02T03:01:00Z"
    Then the response status is 200
    And the response is a list of 2 items
    And the "status" of the response items are "UNKNOWN, DELETED"
    And the response field "0.events" is a list of 0 items
    And the response field "1.events.0.event" is "b deleted"
    When I GET "/customers/tokens/events?deleted_since=2026-01-02T03:01:00.001Z"
    Then the "events.0.event" of the response items are "b deleted"
    When I GET "/customers/tokens/events?deleted_since=2026-01-02T03:02:00.001Z"
    Then the response body is:
      """
      []
      """
    When I GET "/customers/tokens/events"
    Then the "events.0.event" of the response items are "c first"

  @in-process
  Scenario: A new event after a delete brings the pair back
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "card seen in store", "status": "PENDING"}}
      """
    And I save the response field "id" as "pair"
    And the sandbox clock advances 60 seconds
    And I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    And the sandbox clock advances 60 seconds
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer opted out", "status": "OPT_OUT"}}
      """
    Then the response status is 200
    And the response field "id" is "{pair}"
    And the response field "status" is "OPT_OUT"
    And the response field "events" is:
      """
      [{"event": "customer opted out", "status": "OPT_OUT", "created_at": "2026-01-02T03:02:00.000Z"}]
      """
    When I GET "/customers/tokens/events"
    Then the "id" of the response items are "{pair}"
    When I GET "/customers/tokens/events?deleted_since=2026-01-02T03:00:00Z"
    Then the response body is:
      """
      []
      """

  Scenario: Deleting the events leaves the customer's token in place
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    And the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT |
    When I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 204
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "customer.customer_id" is "c-1"
    And the response field "token.token_id" is "card-1"
    And the response field "events" is a list of 0 items
    And the response field "status" is "UNKNOWN"
    When I GET "/customers/users/c-1/tokens"
    Then the "token_id" of the response items are "card-1"

  Scenario: Deleting the events of a pair never seen records nothing
    When I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 204
    When I GET "/customers/tokens/events?deleted_since=2000-01-01T00:00:00Z"
    Then the response body is:
      """
      []
      """
    When I GET "/customers/tokens/events"
    Then the response body is:
      """
      []
      """

  @in-process
  Scenario: A delete event may be recorded for a pair never seen before
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer asked to be forgotten"}}
      """
    Then the response status is 204
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "status" is "DELETED"
    And I save the response field "id" as "pair"
    When I GET "/customers/tokens/events?deleted_since=2026-01-02T03:04:05Z"
    Then the response body is:
      """
      [{"id": "{pair}", "status": "DELETED",
        "events": [{"event": "customer asked to be forgotten", "status": "DELETED", "created_at": "2026-01-02T03:04:05.000Z"}],
        "created_at": "2026-01-02T03:04:05.000Z", "updated_at": "2026-01-02T03:04:05.000Z", "deleted_at": "2026-01-02T03:04:05.000Z"}]
      """

  # --- Request validation and scopes --------------------------------------------

  Scenario Outline: Token event requests are checked before anything is recorded (<case>)
    When I <method> "/customers/tokens/events" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "<field>"
    When I GET "/customers/tokens/events"
    Then the response body is:
      """
      []
      """

    Examples:
      | case                    | method | body                                                                                   | field            |
      | lookup without token    | POST   | {"event": {"event": "card seen", "status": "PENDING"}}                                 | token            |
      | lookup with empty type  | POST   | {"token": {"type": "", "value": "4f2a9c"}, "event": {"event": "card seen"}}             | token.type       |
      | lookup without value    | POST   | {"token": {"type": "PAN_HASH"}, "event": {"event": "card seen"}}                        | token.value      |
      | event without text      | POST   | {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"status": "OPT_OUT"}}      | event.event      |
      | malformed expires_at    | POST   | {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "e", "expires_at": "soon"}} | event.expires_at |
      | delete without token    | DELETE | {"event": {"event": "customer registered in webshop"}}                                 | token            |

  Scenario: A read-only client may list token events but not record or delete them
    Given the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT |
    And I am authenticated as "read-client"
    When I GET "/customers/tokens/events"
    Then the response status is 200
    And the response is a list of 1 item
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 403
    And the error message is "Forbidden: the token lacks a scope this operation needs"
    When I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 403
    When I GET "/customers/tokens/events"
    Then the "status" of the response items are "OPT_OUT"

  Scenario: A write client may record and delete token events but not list them
    Given I am authenticated as "write-client"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}, "event": {"event": "customer opted out", "status": "OPT_OUT"}}
      """
    Then the response status is 200
    And the response field "status" is "OPT_OUT"
    When I DELETE "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 204
    When I GET "/customers/tokens/events"
    Then the response status is 403

  Scenario: Token events recorded on one account are invisible on another
    Given the token events:
      | type     | value  | event              | status  |
      | PAN_HASH | 4f2a9c | customer opted out | OPT_OUT |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    And I save the response field "id" as "pair"
    And I am authenticated as "admin-client" on the other account
    And I GET "/v1/accounts/{other_aid}/customers/tokens/events"
    Then the response status is 200
    And the response body is:
      """
      []
      """
    When I POST "/v1/accounts/{other_aid}/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 200
    And the response field "status" is "UNKNOWN"
    And the response field "events" is a list of 0 items
    And the response field "id" is other than "{pair}"

  # --- The documentation's examples ---------------------------------------------

  @in-process
  Scenario: The Find / Add token events example, rebuilt through the API
    # Seed 001 (POST /customers/tokens/events). Its "<string>" placeholders are
    # filled with values of our own. The example's customer.status "<string>"
    # contradicts its status "OPT_OUT": a customer status would win over the
    # event. The example is rebuilt with a customer that has no status, so the
    # status comes from the event. The example's customer also has company and
    # contact_for, which a user of type customer may not have (company is for
    # company/other users, contact_for for contacts: §3.2), and deleted_at /
    # deleted_by, which a live customer or token does not have; those are left
    # out. Ids and times aside, the rest is compared field by field.
    Given the sandbox clock is frozen at "2023-11-07T05:00:00Z"
    When I POST "/customers/users" with body:
      """
      {"type": "customer", "customer_id": "c-seed-001", "metadata": {"dob_year": 1985},
       "first_name": "John", "last_name": "Doe", "email": "customer@example.com", "phone_number": "+4799999999",
       "attributes": {}, "favorite_store": "SID1234",
       "enrolled_by": {"value": "https://facebook.com", "type": "url"},
       "marketing_consent": {"sms": {"consent": true, "updated_at": "2018-01-12T13:42:00Z"},
                             "email": {"consent": true, "updated_at": "2018-01-12T13:42:00Z"}},
       "addresses": [{"address_line": "Sommerkroveien 34", "postal_place": "Oslo", "country": "NO",
                      "address_line_2": "PB 123", "postal_code": "0349", "latitude": 59.942112, "longitude": 10.716991,
                      "type": "custom", "custom_type": "office", "comment": "5th floor, use doorbell."}],
       "term": {"id": "3c90c3cc-0d44-4b50-8888-8dd25736052a", "accepted_at": "2023-11-07T05:31:56Z"},
       "gender": "male", "date_of_birth": "1990-09-20"}
      """
    Then the response status is 200
    When I POST "/customers/users/c-seed-001/tokens" with body:
      """
      {"token_id": "card-3477", "type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92",
       "metadata": {"exp_month": 10, "exp_year": 20, "mask_pan": "**** **** **** 3477"}}
      """
    Then the response status is 201
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92"},
       "event": {"event": "customer declined signup in store", "status": "OPT_OUT",
                 "metadata": {"store_id": "SID1234"}, "expires_at": "2023-11-07T05:31:56Z"}}
      """
    Then the response status is 200
    And the response body equals, ignoring "id, created_at, updated_at, expires_at":
      """
      {
        "id": "<string>",
        "customer": {
          "type": "customer",
          "customer_id": "c-seed-001",
          "metadata": {"dob_year": 1985},
          "id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
          "created_at": "2023-11-07T05:31:56Z",
          "created_by": "admin-client",
          "updated_at": "2023-11-07T05:31:56Z",
          "first_name": "John",
          "last_name": "Doe",
          "email": "customer@example.com",
          "phone_number": "+4799999999",
          "attributes": {},
          "favorite_store": "SID1234",
          "enrolled_by": {"value": "https://facebook.com", "type": "url"},
          "marketing_consent": {
            "sms": {"consent": true, "updated_at": "2018-01-12T13:42:00Z"},
            "email": {"consent": true, "updated_at": "2018-01-12T13:42:00Z"}
          },
          "addresses": [
            {
              "address_line": "Sommerkroveien 34",
              "postal_place": "Oslo",
              "country": "NO",
              "address_line_2": "PB 123",
              "postal_code": "0349",
              "latitude": 59.942112,
              "longitude": 10.716991,
              "type": "custom",
              "custom_type": "office",
              "comment": "5th floor, use doorbell."
            }
          ],
          "term": {"id": "3c90c3cc-0d44-4b50-8888-8dd25736052a", "accepted_at": "2023-11-07T05:31:56Z"},
          "gender": "male",
          "date_of_birth": "1990-09-20"
        },
        "token": {
          "type": "sha1:email",
          "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92",
          "id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
          "created_at": "2023-11-07T05:31:56Z",
          "created_by": "admin-client",
          "updated_at": "2023-11-07T05:31:56Z",
          "token_id": "card-3477",
          "metadata": {"exp_month": 10, "exp_year": 20, "mask_pan": "**** **** **** 3477"}
        },
        "status": "OPT_OUT",
        "events": [
          {
            "event": "customer declined signup in store",
            "expires_at": "2023-11-07T05:31:56Z",
            "created_at": "2023-11-07T05:31:56Z",
            "status": "OPT_OUT",
            "metadata": {"store_id": "SID1234"}
          }
        ]
      }
      """
    # The times the comparison leaves out, in the sandbox's format.
    And the response field "customer.created_at" is "2023-11-07T05:00:00.000Z"
    And the response field "token.created_at" is "2023-11-07T05:00:00.000Z"
    And the response field "events.0.created_at" is "2023-11-07T05:00:00.000Z"
    And the response field "events.0.expires_at" is "2023-11-07T05:31:56.000Z"
    And the response field "customer.term.id" is "3c90c3cc-0d44-4b50-8888-8dd25736052a"
    And the response field "customer.marketing_consent.sms.updated_at" is "2018-01-12T13:42:00Z"
    And the response field "customer.marketing_consent.email.updated_at" is "2018-01-12T13:42:00Z"
    And I save the response field "id" as "pair"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92"}}
      """
    Then the response field "id" is "{pair}"
    And the response field "status" is "OPT_OUT"
    # Once the event expires, the status falls back to UNKNOWN.
    When the sandbox clock is frozen at "2023-11-07T05:31:57Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92"}}
      """
    Then the response field "status" is "UNKNOWN"
    And the response field "events" is a list of 1 item

  @in-process
  Scenario: The Get token events example, rebuilt through the API
    # Seed 002 (GET /customers/tokens/events): an anonymous token that was
    # recruited, its latest event carrying the status DELETED. The "<string>"
    # id is the pair's id.
    Given the sandbox clock is frozen at "2018-01-31T16:56:33Z"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-0001"}, "event": {"event": "anonymous token", "status": "PENDING"}}
      """
    Then the response status is 200
    And I save the response field "id" as "pair"
    When the sandbox clock is frozen at "2018-02-05T00:00:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-0001"}, "event": {"event": "reqruited", "status": "DELETED"}}
      """
    Then the response status is 200
    And the response field "status" is "DELETED"
    When I GET "/customers/tokens/events"
    Then the response status is 200
    And the response body equals, ignoring "id":
      """
      [
        {
          "id": "<string>",
          "status": "DELETED",
          "events": [
            {"created_at": "2018-01-31T16:56:33.000Z", "event": "anonymous token", "status": "PENDING"},
            {"created_at": "2018-02-05T00:00:00.000Z", "event": "reqruited", "status": "DELETED"}
          ],
          "created_at": "2018-01-31T16:56:33.000Z",
          "updated_at": "2018-02-05T00:00:00.000Z"
        }
      ]
      """
    And the response field "0.id" is "{pair}"

  @in-process
  Scenario: The default account answers the Find / Add token events example
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    When I POST "/v1/accounts/T12345678/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92"}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {
        "customer": {
          "type": "customer", "customer_id": "c-1001", "metadata": {"dob_year": 1985},
          "first_name": "John", "last_name": "Doe", "email": "customer@example.com", "phone_number": "+4799999999",
          "favorite_store": "SID1234", "enrolled_by": {"value": "https://facebook.com", "type": "url"},
          "gender": "male", "date_of_birth": "1990-09-20"
        },
        "token": {
          "type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92",
          "metadata": {"exp_month": 10, "exp_year": 20, "mask_pan": "**** **** **** 3477"}
        },
        "status": "OPT_OUT",
        "events": [
          {"event": "customer declined signup in store", "status": "OPT_OUT", "metadata": {"store_id": "SID1234"}}
        ]
      }
      """
    And the response has no field "customer.status"
    And the response has the field "events.0.expires_at"
    And I save the response field "id" as "pair"
    When I POST "/v1/accounts/T12345678/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92"}}
      """
    Then the response field "id" is "{pair}"

  @in-process
  Scenario: The default account lists the Get token events example
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    When I POST "/v1/accounts/T12345678/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-0001"}}
      """
    Then the response status is 200
    And the response field "status" is "DELETED"
    And I save the response field "id" as "pair"
    And the response body equals, ignoring "id":
      """
      {"status": "DELETED", "events": [
        {"created_at": "2018-01-31T16:56:33.000Z", "event": "anonymous token", "status": "PENDING"},
        {"created_at": "2018-02-05T00:00:00.000Z", "event": "reqruited", "status": "DELETED"}]}
      """
    When I GET "/v1/accounts/T12345678/customers/tokens/events?limit=100"
    Then the response status is 200
    And the item of the response list whose "id" is "{pair}" equals:
      """
      {"id": "{pair}", "status": "DELETED", "events": [
        {"created_at": "2018-01-31T16:56:33.000Z", "event": "anonymous token", "status": "PENDING"},
        {"created_at": "2018-02-05T00:00:00.000Z", "event": "reqruited", "status": "DELETED"}],
       "created_at": "2018-01-31T16:56:33.000Z", "updated_at": "2018-02-05T00:00:00.000Z"}
      """
