@admin
Feature: Guarding the control plane, and the sandbox's metrics
  A sandbox started with -admin-token SECRET guards its control endpoints:
  every one but GET /_sandbox/health needs "Authorization: Bearer SECRET",
  and answers 401 without it, or with another token, before doing anything.
  The vendor APIs are not guarded by it: they keep their own credentials.

  GET /_sandbox/metrics answers the sandbox's metrics in the Prometheus text
  format: sandbox_requests_total{method, route, status} counts the requests
  to the vendor APIs by route (the operation id) and status,
  sandbox_request_duration_seconds{route} is a histogram of their
  durations, and sandbox_store_records{api, kind} tells how many records each
  API holds. Calls to the control endpoints are not counted.

  The admin-token scenarios rebuild the scenario's sandbox with the token,
  and so do the metrics scenarios that count exactly: both run in-process.
  The default fixtures hold 5 Dintero customers (4 on T12345678, 1 on
  T87654321) and 2 Tradevest customers; every scenario adds 2 fresh Dintero
  accounts of its own, with no customers, to the 2 default ones.

  # The admin token

  @in-process
  Scenario: The health endpoint stays open
    Given the sandbox requires the admin token "s3cret"
    When I GET "/_sandbox/health"
    Then the response status is 200
    And the response body equals:
      """
      {"status": "ok"}
      """
    Given I send the Authorization header "Bearer wrong"
    When I GET "/_sandbox/health"
    Then the response status is 200

  @in-process
  Scenario Outline: <method> <path> needs the admin token
    Given the sandbox requires the admin token "s3cret"
    When I <method> "<path>" with body:
      """
      <body>
      """
    Then the response status is 401
    And the response has the field "error.message"
    Given I send the Authorization header "Bearer wrong"
    When I <method> "<path>" with body:
      """
      <body>
      """
    Then the response status is 401
    Given I send the Authorization header "Bearer s3cret2"
    When I <method> "<path>" with body:
      """
      <body>
      """
    Then the response status is 401
    Given I send the Authorization header "Basic s3cret"
    When I <method> "<path>" with body:
      """
      <body>
      """
    Then the response status is 401
    Given I send the Authorization header "s3cret"
    When I <method> "<path>" with body:
      """
      <body>
      """
    Then the response status is 401
    Given I send the Authorization header "Bearer s3cret"
    When I <method> "<path>" with body:
      """
      <body>
      """
    Then the response status is <status>

    Examples:
      | method | path                            | body                                                             | status |
      | POST   | /_sandbox/reset                 |                                                                  | 200    |
      | POST   | /_sandbox/reset?account={aid}   |                                                                  | 200    |
      | POST   | /_sandbox/reset?partner=sandbox |                                                                  | 200    |
      | GET    | /_sandbox/clock                 |                                                                  | 200    |
      | PUT    | /_sandbox/clock                 | {"now": "2030-01-01T00:00:00Z"}                                  | 200    |
      | POST   | /_sandbox/clock/advance         | {"seconds": 1}                                                   | 200    |
      | DELETE | /_sandbox/clock                 |                                                                  | 200    |
      | POST   | /_sandbox/fixtures              | {"dintero": {"accounts": {}}}                                    | 200    |
      | GET    | /_sandbox/state                 |                                                                  | 200    |
      | GET    | /_sandbox/requests              |                                                                  | 200    |
      | DELETE | /_sandbox/requests              |                                                                  | 204    |
      | POST   | /_sandbox/faults                | {"method": "GET", "path": "/v1/accounts/{aid}/x", "status": 503} | 201    |
      | GET    | /_sandbox/faults                |                                                                  | 200    |
      | DELETE | /_sandbox/faults                |                                                                  | 204    |
      | DELETE | /_sandbox/faults/no-such-rule   |                                                                  | 404    |
      | GET    | /_sandbox/metrics               |                                                                  | 200    |

  @in-process
  Scenario: Refused control calls change nothing
    Given the sandbox requires the admin token "s3cret"
    When I PUT "/_sandbox/clock" with body:
      """
      {"now": "2030-01-01T00:00:00Z"}
      """
    Then the response status is 401
    When I POST "/_sandbox/faults" with body:
      """
      {"method": "*", "path": "/*", "status": 503}
      """
    Then the response status is 401
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {new_aid}:
            clients:
              - {client_id: shop-client, client_secret: shop-secret, scopes: [admin:customers]}
      """
    Then the response status is 401
    When I POST "/v1/accounts/{new_aid}/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost:8080/v1/accounts/{new_aid}",
       "client_id": "shop-client", "client_secret": "shop-secret"}
      """
    Then the response status is 401
    Given I send the Authorization header "Bearer s3cret"
    When I GET "/_sandbox/clock"
    Then the response status is 200
    And the response field "frozen" is false
    When I GET "/_sandbox/faults"
    Then the response status is 200
    And the response is a list of 0 items

  @in-process
  Scenario: A refused reset or journal delete keeps the data
    Given the sandbox requires the admin token "s3cret"
    And I am authenticated as "admin-client"
    And I POST "/customers/users" with body:
      """
      {"customer_id": "a-1", "email": "a-1@example.com"}
      """
    And the response status is 200
    When I send the Authorization header "Bearer wrong"
    And I POST "/_sandbox/reset"
    Then the response status is 401
    When I DELETE "/_sandbox/requests"
    Then the response status is 401
    When I send the Authorization header "Bearer s3cret"
    And I GET "/_sandbox/requests?path_prefix=/v1/accounts/{aid}/customers"
    Then the "path" of the response items are "/v1/accounts/{aid}/customers/users"
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/a-1"
    Then the response status is 200

  @in-process
  Scenario: With the admin token the control endpoints work as usual
    Given the sandbox requires the admin token "s3cret"
    And I am authenticated as "admin-client"
    And I POST "/customers/users" with body:
      """
      {"customer_id": "a-1", "email": "a-1@example.com"}
      """
    And the response status is 200
    When I send the Authorization header "Bearer s3cret"
    And I GET "/_sandbox/requests"
    Then the response status is 200
    And the "path" of the response items are "/v1/accounts/{aid}/auth/token, /v1/accounts/{aid}/customers/users"
    And the raw response body does not contain "s3cret"
    When I PUT "/_sandbox/clock" with body:
      """
      {"now": "2030-01-01T00:00:00Z"}
      """
    Then the response status is 200
    And the response body equals:
      """
      {"now": "2030-01-01T00:00:00Z", "frozen": true}
      """
    When I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/a-1", "status": 503, "times": 1}
      """
    Then the response status is 201
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/a-1"
    Then the response status is 503
    When I send the Authorization header "Bearer s3cret"
    And I POST "/_sandbox/reset?account={aid}"
    Then the response status is 200
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/a-1"
    Then the response status is 404
    When I send the Authorization header "Bearer s3cret"
    And I POST "/_sandbox/reset"
    Then the response status is 200
    When I GET "/_sandbox/clock"
    Then the response field "frozen" is false

  @in-process
  Scenario: The vendor APIs do not need the admin token
    Given the sandbox requires the admin token "s3cret"
    And I am authenticated as "admin-client"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "a-1", "email": "a-1@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/a-1"
    Then the response status is 200
    And the response field "email" is "a-1@example.com"
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response status is 200
    And the response field "customerStatus" is "ACTIVE"
    Given I send no access token
    When I GET "/v1/accounts/{aid}/no-such-route"
    Then the response status is 404
    And the response has the field "error.message"
    When I GET "/no-such-route"
    Then the response status is 404
    And the response has the field "requestId"

  @in-process
  Scenario: The admin token is no credential for the vendor APIs
    Given the sandbox requires the admin token "s3cret"
    And I send the Authorization header "Bearer s3cret"
    When I GET "/customers/users"
    Then the response status is 401
    And the response has the field "error.message"
    When I GET "/roles/customers"
    Then the response status is 401
    And the response field "responseType" is "UNAUTHORIZED"

  # Metrics

  Scenario: The metrics are Prometheus text
    Given I am authenticated as "admin-client"
    When I GET "/_sandbox/metrics"
    Then the response status is 200
    And the response header "Content-Type" starts with "text/plain"
    And the metrics text has the lines:
      """
      # TYPE sandbox_requests_total counter
      # TYPE sandbox_request_duration_seconds histogram
      # TYPE sandbox_store_records gauge
      """
    And the metrics text has a line matching:
      """
      ^sandbox_requests_total\{method="POST",route="auth_token_post",status="200"\} [1-9][0-9]*$
      ^sandbox_request_duration_seconds_bucket\{route="auth_token_post",le="\+Inf"\} [1-9][0-9]*$
      ^sandbox_store_records\{api="dintero",kind="customers"\} [0-9]+$
      ^sandbox_store_records\{api="tradevest",kind="customers"\} [0-9]+$
      """

  @in-process
  Scenario: Requests are counted by route and status, with a histogram of their durations
    Given the customers:
      | customer_id | email           |
      | m-1         | m-1@example.com |
      | m-2         | m-2@example.com |
      | m-3         | m-3@example.com |
    And I am authenticated as "admin-client"
    And I POST "/customers/users" with body:
      """
      {"customer_id": "m-1", "email": "again@example.com"}
      """
    And the response status is 400
    And I GET "/customers/users/m-2"
    And the response status is 200
    And I GET "/customers/users/m-9"
    And the response status is 404
    And I GET "/customers/users/m-9"
    When I GET "/_sandbox/metrics"
    Then the response status is 200
    And the metrics text has the lines:
      """
      sandbox_requests_total{method="POST",route="auth_token_post",status="200"} 2
      sandbox_requests_total{method="POST",route="aid_customers_post",status="200"} 3
      sandbox_requests_total{method="POST",route="aid_customers_post",status="400"} 1
      sandbox_requests_total{method="GET",route="aid_customers_cid_get",status="200"} 1
      sandbox_requests_total{method="GET",route="aid_customers_cid_get",status="404"} 2
      sandbox_request_duration_seconds_count{route="aid_customers_post"} 4
      sandbox_request_duration_seconds_bucket{route="aid_customers_post",le="+Inf"} 4
      sandbox_request_duration_seconds_count{route="aid_customers_cid_get"} 3
      sandbox_request_duration_seconds_count{route="auth_token_post"} 2
      """
    And the metrics text has a line matching:
      """
      ^sandbox_request_duration_seconds_sum\{route="aid_customers_post"\} [0-9.e+-]+$
      ^sandbox_request_duration_seconds_bucket\{route="aid_customers_post",le="0\.0005"\} [0-9]+$
      ^sandbox_request_duration_seconds_bucket\{route="aid_customers_post",le="5"\} [0-9]+$
      """

  @in-process
  Scenario: Calls to the control endpoints are not counted
    When I GET "/_sandbox/health"
    And I GET "/_sandbox/clock"
    And I GET "/_sandbox/requests"
    And I GET "/_sandbox/faults"
    And I GET "/_sandbox/metrics"
    And I GET "/_sandbox/metrics"
    Then the response status is 200
    And the metrics text has no line matching:
      """
      ^sandbox_requests_total\{
      ^sandbox_request_duration_seconds_count\{
      """

  @in-process
  Scenario: The store sizes follow the records the APIs hold
    When I GET "/_sandbox/metrics"
    Then the metrics text has the lines:
      """
      sandbox_store_records{api="dintero",kind="accounts"} 4
      sandbox_store_records{api="dintero",kind="customers"} 5
      sandbox_store_records{api="tradevest",kind="partners"} 2
      sandbox_store_records{api="tradevest",kind="customers"} 2
      """
    Given the customers:
      | customer_id | email           |
      | m-1         | m-1@example.com |
      | m-2         | m-2@example.com |
      | m-3         | m-3@example.com |
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And the response status is 200
    When I GET "/_sandbox/metrics"
    Then the metrics text has the lines:
      """
      sandbox_store_records{api="dintero",kind="accounts"} 4
      sandbox_store_records{api="dintero",kind="customers"} 8
      sandbox_store_records{api="tradevest",kind="customers"} 3
      """
    When I POST "/_sandbox/reset"
    And I GET "/_sandbox/metrics"
    Then the metrics text has the lines:
      """
      sandbox_store_records{api="dintero",kind="accounts"} 4
      sandbox_store_records{api="dintero",kind="customers"} 5
      sandbox_store_records{api="tradevest",kind="customers"} 2
      """

  @in-process
  Scenario: An injected fault is counted under its route with the injected status
    Given the customers:
      | customer_id | email           |
      | m-1         | m-1@example.com |
    And I am authenticated as "admin-client"
    And I POST "/_sandbox/faults" with body:
      """
      {"method": "GET", "path": "/v1/accounts/{aid}/customers/users/m-1", "status": 503, "times": 2}
      """
    And I GET "/customers/users/m-1" 3 times, numbering {n} from 1
    When I GET "/_sandbox/metrics"
    Then the metrics text has the lines:
      """
      sandbox_requests_total{method="GET",route="aid_customers_cid_get",status="503"} 2
      sandbox_requests_total{method="GET",route="aid_customers_cid_get",status="200"} 1
      sandbox_request_duration_seconds_count{route="aid_customers_cid_get"} 3
      """

  @in-process
  Scenario: The metrics need the admin token when the sandbox has one
    Given the sandbox requires the admin token "s3cret"
    And I am authenticated as "admin-client"
    And I GET "/customers/users"
    When I send the Authorization header "Bearer s3cret"
    And I GET "/_sandbox/metrics"
    Then the response status is 200
    And the metrics text has the line:
      """
      sandbox_requests_total{method="GET",route="aid_customers_get",status="200"} 1
      """
