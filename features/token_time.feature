@in-process
Feature: Access tokens live on real time; the sandbox clock only moves the data
  The sandbox clock governs the data (timestamps, event expiry, onboarding
  timers), never authentication: a token expires on real (wall) time, so
  freezing the clock a year ahead or advancing it leaves every token valid,
  and clients that cache tokens by their own clock keep working. To test
  expiry and refresh, POST /_sandbox/tokens/expire makes every token issued
  so far expire (on both APIs; the next use gets the vendor's 401 for an
  expired token; tokens issued afterwards work), and a fixture client may
  set token_ttl, the lifetime in seconds of the tokens it is issued.

  Clock inputs out of range are a 400 and leave the clock as it was: an
  instant before 1970-01-01 or after 9999-12-31, and an advance that is
  negative, too large for the clock to keep (past 9999 or about 292 years
  in one step) or not a number.

  These scenarios change the sandbox as a whole (its clock, every token):
  they need a sandbox of their own.

  # Tokens and the clock

  Scenario: A Dintero token keeps working when the clock is frozen a year ahead and advanced
    Given I am authenticated as "admin-client"
    When the sandbox clock is frozen at "2031-06-01T00:00:00Z"
    And I GET "/customers/users"
    Then the response status is 200
    When the sandbox clock advances 400 days
    And I GET "/customers/users"
    Then the response status is 200

  Scenario: A Tradevest token keeps working when the clock is frozen a year ahead and advanced
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When the sandbox clock is frozen at "2031-06-01T00:00:00Z"
    And I GET "/roles/customers"
    Then the response status is 200
    When the sandbox clock advances 2 days
    And I GET "/roles/customers"
    Then the response status is 200

  Scenario: A token issued while the clock stands in the past works once the clock is back to real time
    Given the sandbox clock is frozen at "2001-01-01T00:00:00Z"
    And I am authenticated as "admin-client"
    When I DELETE "/_sandbox/clock"
    And I GET "/customers/users"
    Then the response status is 200

  Scenario: A token's expiry is a day after real time whatever the sandbox clock shows
    Given the sandbox clock is frozen at "2031-06-01T00:00:00Z"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost/v1/accounts/{aid}",
       "client_id": "admin-client", "client_secret": "admin-secret"}
      """
    Then the response status is 200
    And the response field "expires_in" is the number 86400
    And the access token in the response expires 86400 seconds after real time

  # POST /_sandbox/tokens/expire

  Scenario: tokens/expire makes every token issued so far expire on both APIs; new tokens work
    Given I am authenticated as "admin-client"
    And I keep the access token as "dintero"
    And I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And I keep the access token as "tradevest"
    When I POST "/_sandbox/tokens/expire"
    Then the response status is 200
    And the response body equals:
      """
      {"expired": true}
      """
    When I use the access token kept as "dintero"
    And I GET "/customers/users"
    Then the response status is 401
    And the error code is "unauthorized"
    And the error message is "Access forbidden, the JWT token has expired"
    When I use the access token kept as "tradevest"
    And I GET "/roles/customers"
    Then the response status is 401
    And the response field "errorCode" is "UNAUTHORIZED"
    And the response field "message" is "The access token has expired"
    Given I am authenticated as "admin-client"
    When I GET "/customers/users"
    Then the response status is 200
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/roles/customers"
    Then the response status is 200

  Scenario: tokens/expire can be called again: only the tokens issued before each call expire
    Given I am authenticated as "admin-client"
    And I keep the access token as "first"
    When I POST "/_sandbox/tokens/expire"
    And I am authenticated as "admin-client"
    And I keep the access token as "second"
    And I GET "/customers/users"
    Then the response status is 200
    When I POST "/_sandbox/tokens/expire"
    And I use the access token kept as "second"
    And I GET "/customers/users"
    Then the response status is 401
    And I use the access token kept as "first"
    And I GET "/customers/users"
    Then the response status is 401

  Scenario: tokens/expire is a control endpoint: -admin-token guards it
    Given the sandbox requires the admin token "s3cret"
    When I POST "/_sandbox/tokens/expire"
    Then the response status is 401
    And the response has the field "error.message"

  # token_ttl

  Scenario: A Dintero fixture client's token_ttl sets expires_in and the token's expiry
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            clients:
              - {client_id: short-client, client_secret: short-secret, scopes: [admin:customers], token_ttl: 120}
      """
    When I POST "/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost/v1/accounts/{aid}",
       "client_id": "short-client", "client_secret": "short-secret"}
      """
    Then the response status is 200
    And the response field "expires_in" is the number 120
    And the access token in the response expires 120 seconds after real time
    When I GET "/_sandbox/state"
    Then the YAML list "dintero.accounts.{aid}.clients" has an item whose "client_id" is "short-client" and whose "token_ttl" is "120"

  Scenario: A Tradevest fixture client's token_ttl sets expires_in and the token's expiry
    Given the fixture:
      """
      tradevest:
        partners:
          ttl-partner:
            clients:
              - {client_id: ttl-client, client_secret: ttl-secret, token_ttl: 30}
      """
    When I POST "/oauth2/token" with content type "application/x-www-form-urlencoded" and body:
      """
      grant_type=client_credentials&client_id=ttl-client&client_secret=ttl-secret
      """
    Then the response status is 200
    And the response field "expires_in" is the number 30
    And the access token in the response expires 30 seconds after real time
    When I GET "/_sandbox/state"
    Then the YAML list "tradevest.partners.ttl-partner.clients" has an item whose "client_id" is "ttl-client" and whose "token_ttl" is "30"

  Scenario Outline: A Dintero client's token_ttl must be a whole number of seconds from 1 to ten years
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      dintero:
        accounts:
          {new_aid}:
            clients:
              - client_id: ttl-client
                client_secret: ttl-secret
                token_ttl: <ttl>
      """
    Then the response status is 400
    And the response field "error.code" is "INVALID_FIXTURE"
    And the response field "error.line" is the number 7
    And the response field "error.problem" matches "token_ttl must be a whole number of seconds"

    Examples:
      | ttl       |
      | 0         |
      | -60       |
      | 1.5       |
      | sixty     |
      | true      |
      | 315360001 |
      | [60]      |

  Scenario Outline: A Tradevest client's token_ttl must be a whole number of seconds from 1 to ten years
    When I POST "/_sandbox/fixtures" with content type "application/yaml" and body:
      """
      tradevest:
        partners:
          ttl-partner:
            clients:
              - client_id: ttl-client
                client_secret: ttl-secret
                token_ttl: <ttl>
      """
    Then the response status is 400
    And the response field "error.code" is "INVALID_FIXTURE"
    And the response field "error.line" is the number 5
    And the response field "error.problem" matches "token_ttl must be a whole number of seconds"

    Examples:
      | ttl   |
      | 0     |
      | -60   |
      | 1.5   |
      | sixty |

  # Clock inputs out of range

  Scenario Outline: A clock input out of range is a 400 and leaves the clock as it was
    Given the sandbox clock is frozen at "9999-12-31T23:00:00Z"
    When I <method> "<path>" with body:
      """
      <body>
      """
    Then the response status is 400
    And the response field "error.code" is "BAD_REQUEST"
    And the response field "error.message" matches "<message>"
    When I GET "/_sandbox/clock"
    Then the response body equals:
      """
      {"now": "9999-12-31T23:00:00Z", "frozen": true}
      """

    Examples:
      | what                                | method | path                    | body                                   | message                                    |
      | an instant before 1970              | PUT    | /_sandbox/clock         | {"now": "1969-12-31T23:59:59Z"}        | from 1970-01-01T00:00:00Z to 9999-12-31    |
      | the first instant there is          | PUT    | /_sandbox/clock         | {"now": "0001-01-01T00:00:00Z"}        | from 1970-01-01T00:00:00Z to 9999-12-31    |
      | an instant after 9999 in UTC        | PUT    | /_sandbox/clock         | {"now": "9999-12-31T23:30:00-01:00"}   | from 1970-01-01T00:00:00Z to 9999-12-31    |
      | a year with five digits             | PUT    | /_sandbox/clock         | {"now": "10000-01-01T00:00:00Z"}       | body now .* is not valid 'date-time'       |
      | an advance past 9999                | POST   | /_sandbox/clock/advance | {"seconds": 3600}                      | keeps the clock at or before 9999-12-31    |
      | an advance of 1e300 seconds         | POST   | /_sandbox/clock/advance | {"seconds": 1e300}                     | keeps the clock at or before 9999-12-31    |
      | an advance past what a duration holds | POST | /_sandbox/clock/advance | {"seconds": 9300000000}                | keeps the clock at or before 9999-12-31    |
      | a negative advance                  | POST   | /_sandbox/clock/advance | {"seconds": -0.5}                      | body seconds must be >= 0                  |
      | an advance too large for a number   | POST   | /_sandbox/clock/advance | {"seconds": 1e400}                     | invalid JSON body                          |

  Scenario: The last instant of 9999 can be reached and is kept
    Given the sandbox clock is frozen at "9999-12-31T23:00:00Z"
    When I POST "/_sandbox/clock/advance" with body:
      """
      {"seconds": 3599.999}
      """
    Then the response status is 200
    And the response body equals:
      """
      {"now": "9999-12-31T23:59:59.999Z", "frozen": true}
      """

  Scenario: 1970-01-01 is the first instant the clock may be frozen at
    When I PUT "/_sandbox/clock" with body:
      """
      {"now": "1970-01-01T00:00:00Z"}
      """
    Then the response status is 200
    And the response field "now" is "1970-01-01T00:00:00Z"

  Scenario: A running clock cannot be advanced past what a duration holds, in several steps either
    When I POST "/_sandbox/clock/advance" with body:
      """
      {"seconds": 6000000000}
      """
    Then the response status is 200
    When I POST "/_sandbox/clock/advance" with body:
      """
      {"seconds": 6000000000}
      """
    Then the response status is 400
    When I GET "/_sandbox/clock"
    Then the sandbox time in the response field "now" is about 6000000000 seconds ahead of real time
