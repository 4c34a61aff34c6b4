@faults
Feature: Injected faults and latency
  So that a client's retry logic can be tested against 429, 500 and 503
  answers and slow responses, POST /_sandbox/faults adds a rule
  {method, path, status?, body?, latency_ms?, times?}. The next `times`
  requests that match it (every one when times is left out) wait
  latency_ms and, when the rule has a status, are answered with that status
  and the rule's body instead of the real answer. Without a body the answer
  is the vendor's error shape with the code SANDBOX_FAULT: Dintero's
  {"error": {...}} under /v1, Tradevest's ErrorMessage elsewhere. A 429 or
  503 comes with Retry-After: 1. The path is exact, or a prefix when it ends
  in "*"; the method "*" or "" matches every method. The answer is 201 with
  the rule and its id; GET /_sandbox/faults lists the rules,
  DELETE /_sandbox/faults removes them all and DELETE /_sandbox/faults/{id}
  one (204; 404 for an unknown id). A rule that is not valid is a 400 and
  is not added. Faults never apply to the control endpoints.

  Background:
    Given the customers:
      | customer_id | email           |
      | f-1         | f-1@example.com |
      | f-2         | f-2@example.com |
    And I am authenticated as "admin-client"

  # Failing answers

  Scenario: A 503 for the next request only, then the real answer again
    When I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "times": 1}
      """
    Then the response status is 201
    And the response body contains:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "times": 1}
      """
    When I GET "/customers/users/f-1"
    Then the response status is 503
    And the response header "Retry-After" is "1"
    And the error code is "SANDBOX_FAULT"
    And the response has the field "error.message"
    When I GET "/customers/users/f-1"
    Then the response status is 200
    And the response field "email" is "f-1@example.com"
    And the response has no header "Retry-After"

  Scenario Outline: A <status> in Dintero's error shape for the next <times> requests, then the real answer
    When I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-2", "status": <status>, "times": <times>}
      """
    Then the response status is 201
    When I GET "/customers/users/f-2" <times> times, numbering {n} from 1
    Then the response status is <status>
    And the response body contains:
      """
      {"error": {"code": "SANDBOX_FAULT"}}
      """
    And the response has the field "error.message"
    When I GET "/customers/users/f-2"
    Then the response status is 200
    And the response field "customer_id" is "f-2"

    Examples:
      | status | times |
      | 429    | 1     |
      | 500    | 2     |
      | 503    | 3     |
      | 400    | 1     |

  Scenario Outline: A <status> comes with Retry-After
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": <status>}
      """
    When I GET "/customers/users/f-1"
    Then the response status is <status>
    And the response header "Retry-After" is "1"

    Examples:
      | status |
      | 429    |
      | 503    |

  Scenario: A rule without times fails every matching request until it is removed
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 500}
      """
    When I GET "/customers/users/f-1" 5 times, numbering {n} from 1
    Then the response status is 500
    And the error code is "SANDBOX_FAULT"
    When I GET "/_sandbox/faults"
    Then the response is a list of 1 item
    And the response field "0.status" is the number 500

  @in-process
  Scenario: A fault on a Tradevest path answers in Tradevest's ErrorMessage shape
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/roles/customers*", "status": 503, "times": 1}
      """
    And the response status is 201
    When I GET "/roles/customers"
    Then the response status is 503
    And the response field "errorCode" is "SANDBOX_FAULT"
    And the response field "responseType" is "SERVICE_UNAVAILABLE"
    And the response has the field "message"
    And the response has no field "error"
    And the response header "Retry-After" is "1"
    When I save the response header "X-Request-ID" as "request_id"
    Then the response field "requestId" is "{request_id}"
    When I GET "/roles/customers"
    Then the response status is 200
    And the response has the field "data"

  Scenario: A rule's body is answered as given, with its status
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 502,
       "body": {"error": {"code": "UPSTREAM_DOWN", "message": "The gateway is having a bad day"}}}
      """
    And the response status is 201
    And the response field "body" is:
      """
      {"error": {"code": "UPSTREAM_DOWN", "message": "The gateway is having a bad day"}}
      """
    When I GET "/customers/users/f-1"
    Then the response status is 502
    And the response body equals:
      """
      {"error": {"code": "UPSTREAM_DOWN", "message": "The gateway is having a bad day"}}
      """

  @in-process
  Scenario: A Tradevest rule's body is answered as given
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I POST "/_sandbox/faults" with body:
      """
      {"method": "POST", "path": "/roles/customers", "status": 429,
       "body": {"message": "Slow down", "responseType": "TOO_MANY_REQUESTS", "requestId": "fixed-id-1"}}
      """
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 429
    And the response body equals:
      """
      {"message": "Slow down", "responseType": "TOO_MANY_REQUESTS", "requestId": "fixed-id-1"}
      """
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"
    Then the response status is 200
    And the response field "roles" is:
      """
      []
      """

  # Which requests a rule matches

  Scenario: A path ending in * matches every path under it, and only those
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/*", "status": 500}
      """
    When I GET "/customers/users"
    Then the response status is 500
    And the error code is "SANDBOX_FAULT"
    When I GET "/customers/users/f-1"
    Then the response status is 500
    When I GET "/customers/tags"
    Then the response status is 500
    When I GET "/customers/users/f-1/tokens"
    Then the response status is 500
    When I GET "/v1/accounts/{aid}/customersX"
    Then the response status is 404
    And the response field "error.code" is other than "SANDBOX_FAULT"
    Given I am authenticated as "admin-client" on the other account
    When I GET "/v1/accounts/{other_aid}/customers/users"
    Then the response status is 200

  Scenario: A path without * matches that path exactly
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users", "status": 500}
      """
    When I GET "/customers/users/f-1"
    Then the response status is 200
    When I GET "/customers/users?limit=1"
    Then the response status is 500
    When I GET "/customers/users"
    Then the response status is 500

  Scenario: A request of another method does not match and does not use up the rule
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "POST", "path": "/v1/accounts/{aid}/customers/users", "status": 503, "times": 1}
      """
    When I GET "/customers/users"
    Then the response status is 200
    And the response is a list of 2 items
    When I POST "/customers/users" with body:
      """
      {"customer_id": "f-3", "email": "f-3@example.com"}
      """
    Then the response status is 503
    And the error code is "SANDBOX_FAULT"
    When I GET "/customers/users/f-3"
    Then the response status is 404
    When I POST "/customers/users" with body:
      """
      {"customer_id": "f-3", "email": "f-3@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/f-3"
    Then the response status is 200

  @in-process
  Scenario Outline: The method <method> matches every method
    Given I POST "/_sandbox/faults" with body:
      """
      {<method field> "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 500}
      """
    And the response status is 201
    When I GET "/customers/users/f-1"
    Then the response status is 500
    When I PUT "/customers/users/f-1" with body:
      """
      {"first_name": "Faulty"}
      """
    Then the response status is 500
    When I DELETE "/customers/users/f-1"
    Then the response status is 500
    When I DELETE "/_sandbox/faults"
    And I GET "/customers/users/f-1"
    Then the response status is 200
    And the response has no field "first_name"
    And the response has no field "deleted_at"

    Examples:
      | method     | method field     |
      | "*"        | "method": "*",   |
      | ""         | "method": "",    |
      | left out   |                  |

  # Latency

  Scenario: A rule with latency and no status delays the request, which is then answered normally
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "latency_ms": 300, "times": 1}
      """
    And the response status is 201
    And the response body contains:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "latency_ms": 300, "times": 1}
      """
    When I GET "/customers/users/f-1"
    Then the response status is 200
    And the response field "customer_id" is "f-1"
    And the response field "email" is "f-1@example.com"

  Scenario: A rule with latency and a status delays the request, then answers the status
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "latency_ms": 50, "status": 504, "times": 1}
      """
    And the response status is 201
    When I GET "/customers/users/f-1"
    Then the response status is 504
    And the error code is "SANDBOX_FAULT"
    When I GET "/customers/users/f-1"
    Then the response status is 200

  # Listing and removing rules

  Scenario: A new rule answers 201 with its id and is listed
    When I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "times": 2}
      """
    Then the response status is 201
    And the response field "id" matches "^\S+$"
    And I save the response field "id" as "first_rule"
    When I POST "/_sandbox/faults" with body:
      """
      {"method": "*", "path": "/v1/accounts/{aid}/customers/*", "latency_ms": 10}
      """
    Then the response status is 201
    And the response field "id" is other than "{first_rule}"
    And I save the response field "id" as "second_rule"
    When I GET "/_sandbox/faults"
    Then the response status is 200
    And the response body contains:
      """
      [
        {"id": "{first_rule}", "method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "times": 2},
        {"id": "{second_rule}", "method": "*", "path": "/v1/accounts/{aid}/customers/*", "latency_ms": 10}
      ]
      """

  Scenario: Removing one rule serves its requests normally again
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503}
      """
    And I save the response field "id" as "rule_1"
    And I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-2", "status": 500}
      """
    And I save the response field "id" as "rule_2"
    When I DELETE "/_sandbox/faults/{rule_1}"
    Then the response status is 204
    And the response body is empty
    When I GET "/_sandbox/faults"
    Then the "id" of the response items are "{rule_2}"
    When I GET "/customers/users/f-1"
    Then the response status is 200
    When I GET "/customers/users/f-2"
    Then the response status is 500
    When I DELETE "/_sandbox/faults/{rule_1}"
    Then the response status is 404

  Scenario: Removing a rule that does not exist is a 404 and removes nothing
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503}
      """
    And I save the response field "id" as "rule_1"
    When I DELETE "/_sandbox/faults/no-such-rule"
    Then the response status is 404
    And the response has the field "error.message"
    When I GET "/_sandbox/faults"
    Then the "id" of the response items are "{rule_1}"
    When I GET "/customers/users/f-1"
    Then the response status is 503

  @in-process
  Scenario: Clearing the rules removes them all
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503}
      """
    And I POST "/_sandbox/faults" with body:
      """
      {"method": "*", "path": "/v1/accounts/{aid}/customers/*", "status": 500}
      """
    And I GET "/_sandbox/faults"
    And the response is a list of 2 items
    When I DELETE "/_sandbox/faults"
    Then the response status is 204
    And the response body is empty
    When I GET "/_sandbox/faults"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/customers/users/f-1"
    Then the response status is 200
    When I GET "/customers/users"
    Then the response status is 200

  # Invalid rules

  Scenario Outline: A rule that is not valid is refused and not added (<what>)
    When I POST "/_sandbox/faults" with body:
      """
      <rule>
      """
    Then the response status is 400
    And the response has the field "error.message"
    When I GET "/_sandbox/faults"
    Then the response is a list of 0 items
    When I GET "/customers/users/f-1"
    Then the response status is 200

    Examples:
      | what                         | rule                                                                                              |
      | no path                      | {"method": "GET", "status": 503}                                                                  |
      | an empty path                | {"method": "GET", "path": "", "status": 503}                                                      |
      | a path without a leading /   | {"method": "GET", "path": "v1/accounts/{aid}/customers/users/f-1", "status": 503}                 |
      | status 42                    | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 42}                 |
      | status 600                   | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 600}                |
      | a negative latency           | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "latency_ms": -5}             |
      | a negative latency, a status | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "latency_ms": -5} |
      | times 0                      | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "times": 0}    |
      | negative times               | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "times": -1}   |
      | a body without a status      | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "latency_ms": 10, "body": {"error": {"message": "x"}}} |
      | neither status nor latency   | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1"}                               |
      | neither, but times           | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "times": 1}                   |
      | a control path               | {"method": "GET", "path": "/_sandbox/health", "status": 503}                                      |
      | a control prefix             | {"method": "*", "path": "/_sandbox/*", "status": 503}                                             |
      | status is a string           | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": "503"}              |
      | an unknown field             | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "count": 1}    |
      | malformed JSON               | {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503                 |

  # Faults and the rest of the sandbox

  @in-process
  Scenario: A rule for every path leaves the control endpoints alone
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "*", "path": "/*", "status": 500}
      """
    And the response status is 201
    When I GET "/customers/users/f-1"
    Then the response status is 500
    When I GET "/_sandbox/health"
    Then the response status is 200
    And the response body equals:
      """
      {"status": "ok"}
      """
    When I GET "/_sandbox/clock"
    Then the response status is 200
    When I GET "/_sandbox/requests?limit=1"
    Then the response status is 200
    When I GET "/_sandbox/faults"
    Then the response status is 200
    And the response is a list of 1 item
    When I DELETE "/_sandbox/faults"
    Then the response status is 204
    When I GET "/customers/users/f-1"
    Then the response status is 200

  @in-process
  Scenario: An injected failure is journaled with its status
    Given I DELETE "/_sandbox/requests"
    And I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 500, "times": 1}
      """
    When I GET "/customers/users/f-1"
    And I GET "/customers/users/f-1"
    And I GET "/_sandbox/requests"
    Then the response body contains:
      """
      [
        {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 500, "account": "{aid}"},
        {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 200, "account": "{aid}"}
      ]
      """

  Scenario: A failed write changes nothing
    Given I POST "/_sandbox/faults" with body:
      """
      {"method": "PUT", "path": "/v1/accounts/{aid}/customers/users/f-1", "status": 503, "times": 1}
      """
    When I PUT "/customers/users/f-1" with body:
      """
      {"first_name": "Changed"}
      """
    Then the response status is 503
    When I GET "/customers/users/f-1"
    Then the response status is 200
    And the response has no field "first_name"
