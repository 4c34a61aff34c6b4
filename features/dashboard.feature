@dashboard
Feature: The dashboard's page and read-only data
  GET /_sandbox/ui is a page that shows and steers the sandbox in a browser
  (decisions D90 to D93). The page and its assets (/_sandbox/ui/assets/…)
  hold no data and need no admin token; they are served with a strong ETag
  and "Cache-Control: no-cache", so a browser revalidates its copy (304).
  What the page shows comes from the control endpoints and from three
  read-only endpoints that need the admin token like every control endpoint:

  GET /_sandbox/ui/api/summary: the clock, the accounts and partners with
  their clients (secrets included: the page masks them) and how many
  records of each kind they hold.

  GET /_sandbox/ui/api/dintero/{id} and /_sandbox/ui/api/tradevest/{id}
  with ?kind= (customers, tokens, token_events, tags, terms, settings;
  natural_persons, legal_entities, joint_persons, customers, onboardings),
  ?q= (a case-insensitive part of the record's JSON) and ?limit= (1 to
  1000, default 100): the newest matching records, newest first, each
  {"json": what the API answers for it now on the sandbox clock, "about":
  what that JSON leaves to its path}, with "total" and "matched" counts.

  GET /_sandbox/ui/api/requests?after=N: the journal entries after
  sequence number N, oldest first, each with its "seq", and "last", the
  number to ask with next.

  # The page

  @in-process
  Scenario: The page and its assets need no admin token and carry validators
    Given the sandbox requires the admin token "s3cret"
    When I GET "/_sandbox/ui"
    Then the response status is 200
    And the response header "Content-Type" is "text/html; charset=utf-8"
    And the response header "Cache-Control" is "no-cache"
    And the response header "Content-Security-Policy" starts with "default-src 'none'"
    When I GET "/_sandbox/ui/assets/app.js"
    Then the response status is 200
    And the response header "Content-Type" starts with "text/javascript"
    When I GET "/_sandbox/ui/assets/no-such-file.js"
    Then the response status is 404
    When I GET "/_sandbox/ui/api/summary"
    Then the response status is 401
    Given I send the Authorization header "Bearer s3cret"
    When I GET "/_sandbox/ui/api/summary"
    Then the response status is 200

  # The summary

  Scenario: The summary lists the accounts and partners with their clients and counts
    Given the customers:
      | customer_id | email               |
      | dash-1      | dash-1@example.com  |
    When I GET "/_sandbox/ui/api/summary"
    Then the response status is 200
    And the response has the field "clock.now"
    And the response has the field "clock.frozen"
    And the response field "kinds.dintero" is:
      """
      ["customers", "tokens", "token_events", "tags", "terms", "settings"]
      """
    And the response field "dintero" has an item whose "id" is "{aid}"
    And the response field "tradevest" has an item whose "id" is "sandbox"

  # Record lists

  Scenario: A customer created through the API is found by a part of its JSON
    Given the customers:
      | customer_id | email                  | first_name |
      | dash-1      | dash-1@example.com     | Dana       |
      | dash-2      | other.one@example.com  | Olle       |
    When I GET "/_sandbox/ui/api/dintero/{aid}?kind=customers&q=DASH-1@example"
    Then the response status is 200
    And the response field "total" is the number 2
    And the response field "matched" is the number 1
    And the response field "items" is a list of 1 item
    And the response field "items.0.json.customer_id" is "dash-1"
    And the response field "items.0.json.first_name" is "Dana"

  Scenario: Records come newest first, at most limit of them
    Given the customers:
      | customer_id | email               |
      | dash-1      | dash-1@example.com  |
      | dash-2      | dash-2@example.com  |
      | dash-3      | dash-3@example.com  |
    When I GET "/_sandbox/ui/api/dintero/{aid}?kind=customers&limit=2"
    Then the response status is 200
    And the response field "matched" is the number 3
    And the response field "items" is a list of 2 items
    And the response field "items.0.json.customer_id" is "dash-3"
    And the response field "items.1.json.customer_id" is "dash-2"

  @in-process
  Scenario: A token event's status is judged on the sandbox clock
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    And I am authenticated as "admin-client"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "dashprobe"},
       "event": {"event": "signed up", "status": "OPT_IN", "expires_at": "2030-01-01T01:00:00Z"}}
      """
    And the response status is 200
    When I GET "/_sandbox/ui/api/dintero/{aid}?kind=token_events&q=dashprobe"
    Then the response field "items.0.json.status" is "OPT_IN"
    And the response field "items.0.about.value" is "dashprobe"
    Given the sandbox clock advances 7200 seconds
    When I GET "/_sandbox/ui/api/dintero/{aid}?kind=token_events&q=dashprobe"
    Then the response field "items.0.json.status" is "UNKNOWN"

  Scenario: The settings are listed with their defaults
    When I GET "/_sandbox/ui/api/dintero/{aid}?kind=settings"
    Then the response status is 200
    And the response field "items" is a list of 1 item
    And the response has the field "items.0.json.users"

  Scenario: Tradevest records are listed as the API answers them
    When I GET "/_sandbox/ui/api/tradevest/sandbox?kind=natural_persons"
    Then the response status is 200
    And the response has the field "items.0.json.naturalPersonId"
    And the response has the field "items.0.json.naturalPersonStatus"
    And the response has the field "items.0.json.roles"

  Scenario Outline: A bad list request is refused: <case>
    When I GET "<path>"
    Then the response status is <status>
    And the response has the field "error.message"

    Examples:
      | case                  | path                                              | status |
      | unknown kind          | /_sandbox/ui/api/dintero/{aid}?kind=nothing       | 400    |
      | Tradevest kind        | /_sandbox/ui/api/dintero/{aid}?kind=onboardings   | 400    |
      | limit 0               | /_sandbox/ui/api/dintero/{aid}?limit=0            | 400    |
      | limit too big         | /_sandbox/ui/api/dintero/{aid}?limit=1001         | 400    |
      | limit not a number    | /_sandbox/ui/api/dintero/{aid}?limit=ten          | 400    |
      | unknown account       | /_sandbox/ui/api/dintero/T00000001                | 404    |
      | unknown partner       | /_sandbox/ui/api/tradevest/no-such-partner        | 404    |
      | bad after             | /_sandbox/ui/api/requests?after=-1                | 400    |

  # The journal, for polling

  @in-process
  Scenario: The journal is polled by sequence number
    Given I DELETE "/_sandbox/requests"
    And I GET "/customers/users?search=first-probe"
    And I GET "/_sandbox/ui/api/requests?after=0"
    And the response field "entries" is a list of 1 item
    And the response field "entries.0.seq" is the number 1
    And the response field "entries.0.query" is "search=first-probe"
    And the response field "last" is the number 1
    When I GET "/customers/users?search=second-probe"
    And I GET "/_sandbox/ui/api/requests?after=1"
    Then the response field "entries" is a list of 1 item
    And the response field "entries.0.seq" is the number 2
    And the response field "entries.0.query" is "search=second-probe"
    When I GET "/_sandbox/ui/api/requests?after=2"
    Then the response field "entries" is a list of 0 items
    And the response field "last" is the number 2
    When I GET "/_sandbox/ui/api/requests?after=99"
    Then the response field "entries" is a list of 2 items
