@journal
Feature: The request journal
  GET /_sandbox/requests answers the requests the sandbox served to its
  vendor APIs, oldest first and newest last, so a test can check which calls
  its client made. Each entry has the time (from the sandbox clock), the
  method, the path, the query, the status, duration_ms and, for Dintero, the
  account of the path or, for Tradevest, the partner of the bearer token.
  The journal is bounded: it keeps the last 1,000 requests by default, or
  the last N with -journal-size N. ?method= keeps one method, ?path_prefix=
  the paths that start with a prefix, ?limit=N the last N entries (a whole
  number from 1). DELETE /_sandbox/requests clears it (204).

  Calls to the control endpoints (/_sandbox/…) are not journaled. The
  journal holds no header and no body, so never a client secret, an access
  token or a password; query values that carry secrets are not kept either.

  The scenarios clear the journal first, so they see their own requests.

  Background:
    Given I DELETE "/_sandbox/requests"

  # Reading the journal

  @in-process
  Scenario: The journal lists Dintero and Tradevest calls, newest last, stamped by the sandbox clock
    Given the sandbox clock is frozen at "2030-01-01T12:00:00Z"
    And I am authenticated as "admin-client"
    And I POST "/customers/users" with body:
      """
      {"customer_id": "j-1", "email": "j-1@example.com"}
      """
    And the response status is 200
    And I GET "/customers/users/j-1"
    And the response status is 200
    And I GET "/customers/users?limit=1"
    And the response status is 200
    And the sandbox clock advances 90 seconds
    And I GET "/customers/users/no-such-customer"
    And the response status is 404
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    And the response status is 200
    When I GET "/_sandbox/requests"
    Then the response status is 200
    And the response body contains:
      """
      [
        {"time": "2030-01-01T12:00:00Z", "method": "POST", "path": "/v1/accounts/{aid}/auth/token", "status": 200, "account": "{aid}"},
        {"time": "2030-01-01T12:00:00Z", "method": "POST", "path": "/v1/accounts/{aid}/customers/users", "status": 200, "account": "{aid}"},
        {"time": "2030-01-01T12:00:00Z", "method": "GET", "path": "/v1/accounts/{aid}/customers/users/j-1", "status": 200, "account": "{aid}"},
        {"time": "2030-01-01T12:00:00Z", "method": "GET", "path": "/v1/accounts/{aid}/customers/users", "query": "limit=1", "status": 200, "account": "{aid}"},
        {"time": "2030-01-01T12:01:30Z", "method": "GET", "path": "/v1/accounts/{aid}/customers/users/no-such-customer", "status": 404, "account": "{aid}"},
        {"time": "2030-01-01T12:01:30Z", "method": "POST", "path": "/oauth2/token", "status": 200},
        {"time": "2030-01-01T12:01:30Z", "method": "GET", "path": "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "status": 200, "partner": "sandbox"}
      ]
      """
    And every item of the response list has a number "duration_ms" of at least 0

  @in-process
  Scenario: A Dintero entry names its account and no partner, a Tradevest entry its partner and no account
    Given the sandbox clock is frozen at "2030-01-01T12:00:00Z"
    And I am authenticated as "admin-client"
    And I GET "/customers/users/no-such-customer"
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    When I GET "/_sandbox/requests?path_prefix=/v1/accounts/{aid}/customers"
    Then the response status is 200
    And the response body equals, ignoring "duration_ms":
      """
      [{"time": "2030-01-01T12:00:00Z", "method": "GET", "path": "/v1/accounts/{aid}/customers/users/no-such-customer",
        "status": 404, "account": "{aid}"}]
      """
    When I GET "/_sandbox/requests?path_prefix=/roles/"
    Then the response status is 200
    And the response body equals, ignoring "duration_ms":
      """
      [{"time": "2030-01-01T12:00:00Z", "method": "GET", "path": "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01",
        "status": 200, "partner": "sandbox"}]
      """

  @in-process
  Scenario: Requests to other accounts are journaled under their own account
    Given I am authenticated as "admin-client" on the other account
    And I GET "/v1/accounts/{other_aid}/customers/users"
    And the response status is 200
    When I GET "/_sandbox/requests?path_prefix=/v1/accounts/{other_aid}/"
    Then the "account" of the response items are "{other_aid}, {other_aid}"
    And the "path" of the response items are "/v1/accounts/{other_aid}/auth/token, /v1/accounts/{other_aid}/customers/users"
    When I GET "/_sandbox/requests?path_prefix=/v1/accounts/{aid}/"
    Then the response is a list of 0 items

  @in-process
  Scenario: Calls to the control endpoints are not journaled
    When I GET "/_sandbox/health"
    And I GET "/_sandbox/clock"
    And I PUT "/_sandbox/clock" with body:
      """
      {"now": "2030-01-01T00:00:00Z"}
      """
    And I POST "/_sandbox/clock/advance" with body:
      """
      {"seconds": 1}
      """
    And I GET "/_sandbox/state"
    And I GET "/_sandbox/faults"
    And I GET "/_sandbox/metrics"
    And I GET "/_sandbox/requests"
    And I GET "/_sandbox/requests"
    Then the response status is 200
    And the response is a list of 0 items
    Given I am authenticated as "admin-client"
    When I GET "/_sandbox/requests"
    Then the response is a list of 1 item
    And the "path" of the response items are "/v1/accounts/{aid}/auth/token"

  # Filters

  @in-process
  Scenario: The journal filtered by method, by path prefix, and to the last entries
    Given I am authenticated as "admin-client"
    And I POST "/customers/users" with body:
      """
      {"customer_id": "j-1", "email": "j-1@example.com"}
      """
    And I POST "/customers/users" with body:
      """
      {"customer_id": "j-2", "email": "j-2@example.com"}
      """
    And I GET "/customers/users/j-1"
    And I DELETE "/customers/users/j-2"
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I GET "/roles/customers"
    When I GET "/_sandbox/requests?method=POST"
    Then the response status is 200
    And the "path" of the response items are "/v1/accounts/{aid}/auth/token, /v1/accounts/{aid}/customers/users, /v1/accounts/{aid}/customers/users, /oauth2/token"
    And the "method" of the response items are "POST, POST, POST, POST"
    When I GET "/_sandbox/requests?path_prefix=/v1/accounts/{aid}/customers"
    Then the response status is 200
    And the "method" of the response items are "POST, POST, GET, DELETE"
    And the "path" of the response items are "/v1/accounts/{aid}/customers/users, /v1/accounts/{aid}/customers/users, /v1/accounts/{aid}/customers/users/j-1, /v1/accounts/{aid}/customers/users/j-2"
    When I GET "/_sandbox/requests?limit=2"
    Then the response status is 200
    And the "path" of the response items are "/oauth2/token, /roles/customers"
    When I GET "/_sandbox/requests?method=POST&path_prefix=/v1/accounts/{aid}/customers&limit=1"
    Then the response status is 200
    And the response is a list of 1 item
    And the "path" of the response items are "/v1/accounts/{aid}/customers/users"
    And the response field "0.status" is the number 200
    When I GET "/_sandbox/requests?method=DELETE"
    Then the "path" of the response items are "/v1/accounts/{aid}/customers/users/j-2"
    When I GET "/_sandbox/requests?limit=100"
    Then the response is a list of 7 items
    When I GET "/_sandbox/requests?path_prefix=/entities"
    Then the response status is 200
    And the response is a list of 0 items

  @in-process
  Scenario Outline: A limit that is not a whole number of at least 1 is refused (<what>)
    Given I am authenticated as "admin-client"
    When I GET "/_sandbox/requests?limit=<limit>"
    Then the response status is 400
    And the response has the field "error.message"
    When I GET "/_sandbox/requests"
    Then the response status is 200
    And the response is a list of 1 item

    Examples:
      | what          | limit |
      | zero          | 0     |
      | not a number  | abc   |
      | negative      | -1    |
      | a fraction    | 1.5   |

  # Clearing

  @in-process
  Scenario: Deleting the journal empties it, and it fills again from there
    Given I am authenticated as "admin-client"
    And I GET "/customers/users"
    And I GET "/_sandbox/requests"
    And the response is a list of 2 items
    When I DELETE "/_sandbox/requests"
    Then the response status is 204
    And the response body is empty
    When I GET "/_sandbox/requests"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/customers/users/j-9"
    And I GET "/_sandbox/requests"
    Then the "path" of the response items are "/v1/accounts/{aid}/customers/users/j-9"
    And the "status" of the response items are "404"

  # Secrets

  @in-process
  Scenario: No secret, token or password reaches the journal
    Given I POST "/v1/accounts/{aid}/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost:8080/v1/accounts/{aid}",
       "client_id": "admin-client", "client_secret": "admin-secret"}
      """
    And the response status is 200
    And I save the response field "access_token" as "body_token"
    And I am authenticated as "auth-client"
    And I POST "/customers/users" with body:
      """
      {"customer_id": "pw-1", "email": "pw-1@example.com", "password": "Pw-n0t-in-the-journal", "pin": "918273"}
      """
    And the response status is 200
    And I GET "/customers/users/pw-1?client_secret=qs-secret-7f3a&token=qs-token-9c1d"
    And I GET "/customers/users?password=qs-password-4b8e&access_token=qs-access-5e2b"
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I GET "/roles/customers?client_secret=qs-secret-0a6c"
    When I GET "/_sandbox/requests"
    Then the response status is 200
    And the response is a list of 7 items
    And the "path" of the response items are "/v1/accounts/{aid}/auth/token, /v1/accounts/{aid}/auth/token, /v1/accounts/{aid}/customers/users, /v1/accounts/{aid}/customers/users/pw-1, /v1/accounts/{aid}/customers/users, /oauth2/token, /roles/customers"
    And the raw response body does not contain "admin-secret"
    And the raw response body does not contain "auth-secret"
    And the raw response body does not contain "sandbox-secret"
    And the raw response body does not contain "{body_token}"
    And the raw response body does not contain "{token}"
    And the raw response body does not contain "{tradevest_token}"
    And the raw response body does not contain "Pw-n0t-in-the-journal"
    And the raw response body does not contain "918273"
    And the raw response body does not contain "qs-secret-7f3a"
    And the raw response body does not contain "qs-token-9c1d"
    And the raw response body does not contain "qs-password-4b8e"
    And the raw response body does not contain "qs-access-5e2b"
    And the raw response body does not contain "qs-secret-0a6c"
    And the raw response body does not contain "Bearer"
    And the raw response body does not contain "Basic"

  # The bound

  @in-process
  Scenario: A journal of size 3 keeps only the last 3 requests
    Given the sandbox keeps the last 3 requests in its journal
    And I am authenticated as "admin-client"
    When I GET "/customers/users/b-{n}" 5 times, numbering {n} from 1
    And I GET "/_sandbox/requests"
    Then the response status is 200
    And the response is a list of 3 items
    And the "path" of the response items are "/v1/accounts/{aid}/customers/users/b-3, /v1/accounts/{aid}/customers/users/b-4, /v1/accounts/{aid}/customers/users/b-5"
    When I DELETE "/_sandbox/requests"
    And I GET "/customers/users/c-{n}" 2 times, numbering {n} from 1
    And I GET "/_sandbox/requests"
    Then the "path" of the response items are "/v1/accounts/{aid}/customers/users/c-1, /v1/accounts/{aid}/customers/users/c-2"
    When I GET "/customers/users/d-{n}" 4 times, numbering {n} from 1
    And I GET "/_sandbox/requests"
    Then the "path" of the response items are "/v1/accounts/{aid}/customers/users/d-2, /v1/accounts/{aid}/customers/users/d-3, /v1/accounts/{aid}/customers/users/d-4"

  @in-process
  Scenario: By default the journal keeps the last 1,000 requests
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/n-{n}" 1005 times, numbering {n} from 1
    And I GET "/_sandbox/requests"
    Then the response status is 200
    And the response is a list of 1000 items
    And the response field "0.path" is "/v1/accounts/{aid}/customers/users/n-6"
    And the response field "999.path" is "/v1/accounts/{aid}/customers/users/n-1005"
    When I GET "/_sandbox/requests?limit=2"
    Then the "path" of the response items are "/v1/accounts/{aid}/customers/users/n-1004, /v1/accounts/{aid}/customers/users/n-1005"
