@in-process
Feature: The sandbox's control endpoints
  Besides the vendor API, the sandbox answers its own endpoints under
  /_sandbox/ that tests use to check it is up, to put it back to its
  fixtures, to drive its clock, to load more fixtures and to read its whole
  state. They need no token. Every timestamp the sandbox writes comes from
  its clock, which follows real time until a test freezes or moves it.

  # Health

  Scenario: The health endpoint answers once the sandbox serves
    When I GET "/_sandbox/health"
    Then the response status is 200
    And the response body equals:
      """
      {"status": "ok"}
      """

  # The clock

  Scenario: The clock follows real time by default
    When I GET "/_sandbox/clock"
    Then the response status is 200
    And the response field "frozen" is false
    And the response field "now" matches "^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
    And the sandbox time in the response field "now" is about 0 seconds ahead of real time

  @in-process
  Scenario: Freezing the clock at an instant
    When I PUT "/_sandbox/clock" with body:
      """
      {"now": "2030-01-01T00:00:00Z"}
      """
    Then the response status is 200
    And the response body equals:
      """
      {"now": "2030-01-01T00:00:00Z", "frozen": true}
      """
    When I GET "/_sandbox/clock"
    Then the response status is 200
    And the response body equals:
      """
      {"now": "2030-01-01T00:00:00Z", "frozen": true}
      """

  @in-process
  Scenario: Advancing a frozen clock moves it by exactly that much and keeps it frozen
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    When I POST "/_sandbox/clock/advance" with body:
      """
      {"seconds": 90}
      """
    Then the response status is 200
    And the response body equals:
      """
      {"now": "2030-01-01T00:01:30Z", "frozen": true}
      """
    When I GET "/_sandbox/clock"
    Then the response body equals:
      """
      {"now": "2030-01-01T00:01:30Z", "frozen": true}
      """

  @in-process
  Scenario: Advancing a running clock keeps it running, ahead of real time
    When I POST "/_sandbox/clock/advance" with body:
      """
      {"seconds": 3600}
      """
    Then the response status is 200
    And the response field "frozen" is false
    And the sandbox time in the response field "now" is about 3600 seconds ahead of real time
    When I GET "/_sandbox/clock"
    Then the response field "frozen" is false
    And the sandbox time in the response field "now" is about 3600 seconds ahead of real time

  @in-process
  Scenario: Deleting the clock puts it back to real time
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    And the sandbox clock advances 90 seconds
    When I DELETE "/_sandbox/clock"
    Then the response status is 200
    And the response field "frozen" is false
    And the sandbox time in the response field "now" is about 0 seconds ahead of real time
    When I GET "/_sandbox/clock"
    Then the response field "frozen" is false
    And the sandbox time in the response field "now" is about 0 seconds ahead of real time

  @in-process
  Scenario Outline: A clock request with a bad body is refused and changes nothing
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    When I <method> "<path>" with body:
      """
      <body>
      """
    Then the response status is 400
    And the response has the field "error.message"
    When I GET "/_sandbox/clock"
    Then the response body equals:
      """
      {"now": "2030-01-01T00:00:00Z", "frozen": true}
      """

    Examples:
      | what                       | method | path                    | body                                           |
      | now is not a date-time     | PUT    | /_sandbox/clock         | {"now": "tomorrow"}                            |
      | now is a date without time | PUT    | /_sandbox/clock         | {"now": "2030-06-01"}                          |
      | now is missing             | PUT    | /_sandbox/clock         | {}                                             |
      | an unknown field           | PUT    | /_sandbox/clock         | {"now": "2030-06-01T00:00:00Z", "zone": "UTC"} |
      | malformed JSON             | PUT    | /_sandbox/clock         | {"now": "2030-06-01T00:00:00Z"                 |
      | negative seconds           | POST   | /_sandbox/clock/advance | {"seconds": -1}                                |
      | seconds is missing         | POST   | /_sandbox/clock/advance | {}                                             |
      | seconds is not a number    | POST   | /_sandbox/clock/advance | {"seconds": "90"}                              |
      | an unknown field           | POST   | /_sandbox/clock/advance | {"seconds": 90, "minutes": 1}                  |
      | malformed JSON             | POST   | /_sandbox/clock/advance | seconds=90                                     |

  # Every timestamp comes from the sandbox clock

  @in-process
  Scenario: A customer created while the clock is frozen is created at the frozen instant
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    And I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    When I POST "/v1/accounts/T12345678/customers/users" with body:
      """
      {"customer_id": "clock-1", "email": "clock-1@example.com"}
      """
    Then the response status is 200
    And the response field "created_at" is "2030-01-01T00:00:00.000Z"
    And the response field "updated_at" is "2030-01-01T00:00:00.000Z"
    When I GET "/v1/accounts/T12345678/customers/users/clock-1"
    Then the response field "created_at" is "2030-01-01T00:00:00.000Z"

  @in-process
  Scenario: Updates and deletes are stamped with the advanced clock
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    And I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    And I POST "/v1/accounts/T12345678/customers/users" with body:
      """
      {"customer_id": "clock-2", "email": "clock-2@example.com"}
      """
    When the sandbox clock advances 90 seconds
    And I PUT "/v1/accounts/T12345678/customers/users/clock-2" with body:
      """
      {"first_name": "Later"}
      """
    Then the response status is 200
    And the response field "created_at" is "2030-01-01T00:00:00.000Z"
    And the response field "updated_at" is "2030-01-01T00:01:30.000Z"
    When the sandbox clock advances 30 seconds
    And I DELETE "/v1/accounts/T12345678/customers/users/clock-2"
    Then the response status is 200
    And the response field "deleted_at" is "2030-01-01T00:02:00.000Z"

  @in-process
  Scenario: An access token expires a day after the real time it was issued at, whatever the sandbox clock
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    When I POST "/v1/accounts/T12345678/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost:8080/v1/accounts/T12345678",
       "client_id": "sandbox-client", "client_secret": "sandbox-secret"}
      """
    Then the response status is 200
    And the response field "expires_in" is the number 86400
    And the access token in the response expires 86400 seconds after real time

  @in-process
  Scenario: Customers loaded from a fixture while the clock is frozen are stamped from it
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    And the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: fx-1
                email: fx-1@example.com
      """
    And I am authenticated as "admin-client"
    When I GET "/customers/users/fx-1"
    Then the response status is 200
    And the response field "created_at" matches "^(2029-12-31T23:59:59\.\d{3}|2030-01-01T00:00:00\.000)Z$"

  # Reset

  @in-process
  Scenario: Reset puts every account back to its fixtures
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    And I POST "/v1/accounts/T12345678/customers/users" with body:
      """
      {"customer_id": "new-1", "email": "new-1@example.com"}
      """
    And the response status is 200
    And I DELETE "/v1/accounts/T12345678/customers/users/c-1001"
    And the response status is 200
    And I am authenticated as "other-client" with secret "other-secret" on account "T87654321"
    And I DELETE "/v1/accounts/T87654321/customers/users/o-2001"
    And the response status is 200
    When I POST "/_sandbox/reset"
    Then the response status is 200
    And the response body equals:
      """
      {"reset": "all"}
      """
    When I GET "/v1/accounts/T87654321/customers/users/o-2001"
    Then the response status is 200
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    When I GET "/v1/accounts/T12345678/customers/users/new-1"
    Then the response status is 404
    When I GET "/v1/accounts/T12345678/customers/users/c-1001"
    Then the response status is 200
    And the response field "email" is "customer@example.com"
    When I GET "/v1/accounts/T12345678/customers/users?include_deleted=true&type=any"
    Then the "customer_id" of the response items are "c-1001, c-1002, c-1003, c-1004"

  @in-process
  Scenario: Reset puts the clock back to real time
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    When I POST "/_sandbox/reset"
    Then the response status is 200
    When I GET "/_sandbox/clock"
    Then the response field "frozen" is false
    And the sandbox time in the response field "now" is about 0 seconds ahead of real time

  @in-process
  Scenario: Reset of one account leaves the other accounts as they are
    Given I am authenticated as "other-client" with secret "other-secret" on account "T87654321"
    And I DELETE "/v1/accounts/T87654321/customers/users/o-2001"
    And the response status is 200
    And I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    And I DELETE "/v1/accounts/T12345678/customers/users/c-1001"
    And the response status is 200
    When I POST "/_sandbox/reset?account=T12345678"
    Then the response status is 200
    And the response body equals:
      """
      {"reset": "account", "account": "T12345678"}
      """
    When I GET "/v1/accounts/T12345678/customers/users/c-1001"
    Then the response status is 200
    Given I am authenticated as "other-client" with secret "other-secret" on account "T87654321"
    When I GET "/v1/accounts/T87654321/customers/users/o-2001"
    Then the response status is 404

  @in-process
  Scenario: Resetting an account no fixture defines is a 404 and resets nothing
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    And I DELETE "/v1/accounts/T12345678/customers/users/c-1001"
    And the response status is 200
    When I POST "/_sandbox/reset?account=T99999999"
    Then the response status is 404
    And the response has the field "error.message"
    When I GET "/v1/accounts/T12345678/customers/users/c-1001"
    Then the response status is 404

  @in-process
  Scenario: An account loaded through /_sandbox/fixtures is part of what reset restores
    Given I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {new_aid3}:
            clients:
              - {client_id: shop-client, client_secret: shop-secret, scopes: [admin:customers]}
            customers:
              - customer_id: s-1
                first_name: Sigrid
                email: sigrid@example.com
      """
    And the response status is 200
    And I am authenticated as "shop-client" with secret "shop-secret" on account "{new_aid3}"
    And I DELETE "/v1/accounts/{new_aid3}/customers/users/s-1"
    And the response status is 200
    When I POST "/_sandbox/reset"
    Then the response status is 200
    Given I am authenticated as "shop-client" with secret "shop-secret" on account "{new_aid3}"
    When I GET "/v1/accounts/{new_aid3}/customers/users/s-1"
    Then the response status is 200
    And the response field "first_name" is "Sigrid"

  Scenario: One account loaded through /_sandbox/fixtures can be reset on its own
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: s-2
                email: s-2@example.com
      """
    And I am authenticated as "admin-client"
    And I DELETE "/customers/users/s-2"
    And the response status is 200
    When I POST "/_sandbox/reset?account={aid}"
    Then the response status is 200
    When I GET "/customers/users/s-2"
    Then the response status is 200
    And the response field "email" is "s-2@example.com"

  # Loading fixtures

  Scenario: A fixture document adds an account whose client can then get a token
    When I POST "/v1/accounts/{new_aid}/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost:8080/v1/accounts/{new_aid}",
       "client_id": "shop-client", "client_secret": "shop-secret"}
      """
    Then the response status is 401
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {new_aid}:
            clients:
              - client_id: shop-client
                client_secret: shop-secret
                scopes: [admin:customers]
            customers:
              - customer_id: s-1
                first_name: Sigrid
                email: sigrid@example.com
              - customer_id: s-2
                first_name: Tor
                email: tor@example.com
      """
    Then the response status is 200
    And the response body equals:
      """
      {"loaded": true}
      """
    Given I am authenticated as "shop-client" with secret "shop-secret" on account "{new_aid}"
    When I GET "/v1/accounts/{new_aid}/customers/users"
    Then the response status is 200
    And the response is a list of 2 items
    And the "customer_id" of the response items are "s-1, s-2"
    And the "first_name" of the response items are "Sigrid, Tor"

  # Loading into a default account changes what reset restores: a shared
  # sandbox would keep it, so this runs in-process only.
  @in-process
  Scenario: A fixture adds to an account without removing what is there
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          T12345678:
            customers:
              - customer_id: c-1005
                email: c-1005@example.com
      """
    Then the response status is 200
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    When I GET "/v1/accounts/T12345678/customers/users?type=any"
    Then the "customer_id" of the response items are "c-1001, c-1002, c-1003, c-1004, c-1005"

  Scenario: A fixture customer keeps the id and timestamps it is given
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: kept-1
                id: 7d3c3f0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f
                created_at: "2024-05-01T10:00:00Z"
                updated_at: "2024-06-01T12:30:00.250Z"
                email: kept-1@example.com
      """
    And I am authenticated as "admin-client"
    When I GET "/customers/users/kept-1"
    Then the response status is 200
    And the response field "id" is "7d3c3f0e-1b2a-4c5d-8e9f-0a1b2c3d4e5f"
    And the response field "created_at" is "2024-05-01T10:00:00.000Z"
    And the response field "updated_at" is "2024-06-01T12:30:00.250Z"

  Scenario: A fixture with a YAML syntax error is refused with its line
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {new_aid}:
            clients:
              - client_id: shop-client: oops
                client_secret: shop-secret
      """
    Then the response status is 400
    And the response field "error.line" is the number 5
    And the response field "error.problem" matches "mapping values are not allowed"

  Scenario: A fixture with an unknown top-level section is refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts: {}
      stripe:
        accounts: {}
      """
    Then the response status is 400
    And the response field "error.line" is the number 3
    And the response field "error.problem" matches "stripe"

  @in-process
  Scenario: A fixture with a bad account id is refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {new_aid}:
            clients:
              - {client_id: shop-client, client_secret: shop-secret, scopes: [admin:customers]}
          X123:
            clients: []
      """
    Then the response status is 400
    And the response field "error.line" is the number 6
    And the response field "error.problem" matches "X123"
    When I POST "/v1/accounts/{new_aid}/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost:8080/v1/accounts/{new_aid}",
       "client_id": "shop-client", "client_secret": "shop-secret"}
      """
    Then the response status is 401

  Scenario: A fixture customer with an invalid phone number is refused at that line
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: bad-phone
                first_name: Nils
                phone_number: call me maybe
      """
    Then the response status is 400
    And the response field "error.line" is the number 7
    And the response field "error.problem" matches "phone_number"

  Scenario: A fixture with the same email twice is refused at the second customer
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: twin-1
                email: twin@example.com
              - customer_id: twin-2
                email: twin@example.com
      """
    Then the response status is 400
    And the response field "error.line" is the number 7
    And the response field "error.problem" matches "twin@example.com"
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/twin-1"
    Then the response status is 404

  Scenario: A fixture client without a secret is refused
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {new_aid}:
            clients:
              - {client_id: shop-client, client_secret: shop-secret, scopes: [admin:customers]}
              - {client_id: lonely-client, scopes: [admin:customers]}
      """
    Then the response status is 400
    And the response field "error.line" is the number 6
    And the response field "error.problem" matches "client_secret"

  Scenario: Nothing of a refused fixture document is loaded
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {new_aid2}:
            clients:
              - {client_id: shop-client, client_secret: shop-secret, scopes: [admin:customers]}
          {aid}:
            customers:
              - customer_id: half-1
                email: half-1@example.com
              - customer_id: half-2
                phone_number: not a phone
      """
    Then the response status is 400
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/half-1"
    Then the response status is 404
    When I GET "/customers/users"
    Then the response is a list of 0 items
    When I POST "/v1/accounts/{new_aid2}/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost:8080/v1/accounts/{new_aid2}",
       "client_id": "shop-client", "client_secret": "shop-secret"}
      """
    Then the response status is 401
    When I GET "/_sandbox/state"
    Then the YAML response has no field "dintero.accounts.{new_aid2}"
    And the YAML response has no field "dintero.accounts.{aid}.customers"

  # The whole state

  Scenario: The state is a YAML fixture document with every account
    When I GET "/_sandbox/state"
    Then the response status is 200
    And the response header "Content-Type" is "application/yaml"
    And the YAML response field "dintero.accounts.T12345678.clients" has an item whose "client_id" is "sandbox-client"
    And the YAML response field "dintero.accounts.T12345678.clients" has an item whose "client_secret" is "sandbox-secret"
    And the YAML response field "dintero.accounts.T12345678.clients" has an item whose "client_id" is "readonly-client"
    And the YAML response field "dintero.accounts.T12345678.customers" is a list of 4 items
    And the YAML response field "dintero.accounts.T12345678.customers" has an item whose "customer_id" is "c-1001"
    And the YAML response field "dintero.accounts.T12345678.customers" has an item whose "customer_id" is "c-1004"
    And the YAML response field "dintero.accounts.T87654321.clients" has an item whose "client_id" is "other-client"
    And the YAML response field "dintero.accounts.T87654321.customers" has an item whose "customer_id" is "o-2001"
    And the YAML response has the field "dintero.accounts.{aid}.clients"

  @in-process
  Scenario: The state shows changes made through the API
    Given the sandbox clock is frozen at "2030-01-01T00:00:00Z"
    And I am authenticated as "admin-client"
    And I POST "/customers/users" with body:
      """
      {"customer_id": "st-1", "email": "st-1@example.com"}
      """
    And the sandbox clock advances 1 second
    And I POST "/customers/users" with body:
      """
      {"customer_id": "st-2", "email": "st-2@example.com"}
      """
    And the sandbox clock advances 60 seconds
    And I DELETE "/customers/users/st-2"
    And the response status is 200
    When I GET "/_sandbox/state"
    Then the response status is 200
    And the YAML response field "dintero.accounts.{aid}.customers" is a list of 2 items
    And the YAML response field "dintero.accounts.{aid}.customers.0.customer_id" is "st-1"
    And the YAML response field "dintero.accounts.{aid}.customers.0.email" is "st-1@example.com"
    And the YAML response field "dintero.accounts.{aid}.customers.0.created_at" is "2030-01-01T00:00:00.000Z"
    And the YAML response field "dintero.accounts.{aid}.customers.1.customer_id" is "st-2"
    And the YAML response field "dintero.accounts.{aid}.customers.1.created_at" is "2030-01-01T00:00:01.000Z"
    And the YAML response field "dintero.accounts.{aid}.customers.1.deleted_at" is "2030-01-01T00:01:01.000Z"

  # Loading into a default account changes what reset restores: a shared
  # sandbox would keep it, so this runs in-process only.
  @in-process
  Scenario: The state posted back to /_sandbox/fixtures changes nothing
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    And I POST "/v1/accounts/T12345678/customers/users" with body:
      """
      {"customer_id": "rt-1", "email": "rt-1@example.com", "metadata": {"n": 7}}
      """
    And the response status is 200
    And I DELETE "/v1/accounts/T12345678/customers/users/c-1001"
    And the response status is 200
    And I GET "/v1/accounts/T12345678/customers/users?include_deleted=true&type=any"
    And I keep the response body as "before"
    When I GET "/_sandbox/state"
    And I POST the last response body to "/_sandbox/fixtures" with content type "application/yaml"
    Then the response status is 200
    And the response body equals:
      """
      {"loaded": true}
      """
    When I GET "/v1/accounts/T12345678/customers/users?include_deleted=true&type=any"
    Then the response body equals the kept "before"
    And the "customer_id" of the response items are "c-1001, c-1002, c-1003, c-1004, rt-1"

  # Loading into a default account changes what reset restores: a shared
  # sandbox would keep it, so this runs in-process only.
  @in-process
  Scenario: The state brings back, after a reset, the customers it was taken with
    Given I am authenticated as "sandbox-client" with secret "sandbox-secret" on account "T12345678"
    And I POST "/v1/accounts/T12345678/customers/users" with body:
      """
      {"customer_id": "rt-2", "email": "rt-2@example.com", "first_name": "Round", "metadata": {"n": 7}}
      """
    And the response status is 200
    And I DELETE "/v1/accounts/T12345678/customers/users/c-1001"
    And the response status is 200
    And I GET "/v1/accounts/T12345678/customers/users?include_deleted=true&type=any"
    And I keep the response body as "before"
    And I GET "/_sandbox/state"
    And I keep the response body as "state"
    And I POST "/_sandbox/reset"
    And I GET "/v1/accounts/T12345678/customers/users?include_deleted=true&type=any"
    And the "customer_id" of the response items are "c-1001, c-1002, c-1003, c-1004"
    When I POST the kept "state" to "/_sandbox/fixtures" with content type "application/yaml"
    Then the response status is 200
    When I GET "/v1/accounts/T12345678/customers/users?include_deleted=true&type=any"
    Then the response body equals the kept "before"
    When I GET "/v1/accounts/T12345678/customers/users/c-1001"
    Then the response status is 404
    When I GET "/v1/accounts/T12345678/customers/users/rt-2"
    Then the response status is 200
    And the response field "first_name" is "Round"
    And the response field "metadata" is:
      """
      {"n": 7}
      """

  # Unknown paths

  Scenario: An unknown path under /v1 is a 404 in Dintero's error shape
    When I GET "/v1/nothing"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the response has the field "error.message"

  Scenario: An unknown control path is a 404
    When I GET "/_sandbox/nothing"
    Then the response status is 404
