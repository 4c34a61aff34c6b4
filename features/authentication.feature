Feature: Authentication
  Every Dintero call needs an access token from
  POST /v1/accounts/{aid}/auth/token, obtained with the API client's
  credentials (HTTP Basic) and the account as audience. A token is valid for
  its own account only, and grants the scopes of its client.

  Scenario: Get a token with client credentials
    When I POST "/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 401
    And the error code is "unauthorized"

  Scenario: A token for the default sandbox client
    Given I send the Authorization header "Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ="
    When I POST "/v1/accounts/T12345678/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "http://localhost:8080/v1/accounts/T12345678"}
      """
    Then the response status is 200
    And the response field "token_type" is "Bearer"
    And the response field "expires_in" is the number 86400
    And the response field "access_token" matches "^[\w-]+\.[\w-]+\.[\w-]+$"

  Scenario: Client credentials in the JSON body
    When I POST "/v1/accounts/T12345678/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "https://api.dintero.com/v1/accounts/T12345678",
       "client_id": "readonly-client", "client_secret": "readonly-secret"}
      """
    Then the response status is 200
    And the response field "token_type" is "Bearer"

  Scenario: A wrong secret is refused
    Given I send the Authorization header "Basic c2FuZGJveC1jbGllbnQ6d3Jvbmc="
    When I POST "/v1/accounts/T12345678/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "https://api.dintero.com/v1/accounts/T12345678"}
      """
    Then the response status is 401
    And the error code is "unauthorized"
    And the error message is "Invalid client credentials"

  Scenario: A client of another account gets no token for this one
    Given I send the Authorization header "Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ="
    When I POST "/v1/accounts/T87654321/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "https://api.dintero.com/v1/accounts/T87654321"}
      """
    Then the response status is 401

  Scenario: The audience must name the account of the path
    Given I send the Authorization header "Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ="
    When I POST "/v1/accounts/T12345678/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "https://api.dintero.com/v1/accounts/T87654321"}
      """
    Then the response status is 403
    And the error code is "FORBIDDEN"

  Scenario: An unknown grant type is refused (the others: dintero_grants.feature)
    Given I send the Authorization header "Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ="
    When I POST "/v1/accounts/T12345678/auth/token" with body:
      """
      {"grant_type": "implicit", "audience": "https://api.dintero.com/v1/accounts/T12345678"}
      """
    Then the response status is 400
    And the error code is "unsupported_grant_type"

  Scenario: grant_type and audience are required
    Given I send the Authorization header "Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ="
    When I POST "/v1/accounts/T12345678/auth/token" with body:
      """
      {}
      """
    Then the response status is 400
    And the error lists the body field "grant_type"
    And the error lists the body field "audience"

  Scenario: A call without a token is refused
    When I GET "/customers/users"
    Then the response status is 401
    And the error code is "unauthorized"
    And the error message is "Access forbidden, invalid JWT token was used"

  Scenario Outline: A malformed or badly signed token is refused
    Given I send the Authorization header "<header>"
    When I GET "/customers/users"
    Then the response status is 401
    And the error code is "unauthorized"

    Examples:
      | header                                                                                                                                                              |
      | Bearer                                                                                                                                                              |
      | Basic YWJjOmRlZg==                                                                                                                                                  |
      | Bearer not-a-jwt                                                                                                                                                    |
      | Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbi1jbGllbnQiLCJ2ZW5kb3IiOiJkaW50ZXJvIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmVkLXdpdGgtYW5vdGhlci1rZXk |

  @in-process
  Scenario: An expired token is refused
    Given I am authenticated as "admin-client"
    When I GET "/customers/users"
    Then the response status is 200
    When I POST "/_sandbox/tokens/expire"
    And I GET "/customers/users"
    Then the response status is 401
    And the error message is "Access forbidden, the JWT token has expired"

  Scenario: A token is valid for its own account only
    Given I am authenticated as "admin-client" on the other account
    When I GET "/customers/users"
    Then the response status is 403
    And the error code is "FORBIDDEN"
    And the error message is "Forbidden: the token is not valid for this account"

  Scenario: A read-only client may read but not write
    Given I am authenticated as "read-client"
    When I GET "/customers/users"
    Then the response status is 200
    When I POST "/customers/users" with body:
      """
      {"email": "someone@example.com"}
      """
    Then the response status is 403
    And the error message is "Forbidden: the token lacks a scope this operation needs"

  @in-process
  Scenario: The default read-only client reads the default account
    Given I am authenticated as "readonly-client" with secret "readonly-secret" on account "T12345678"
    When I GET "/v1/accounts/T12345678/customers/users/c-1001"
    Then the response status is 200
    And the response field "email" is "customer@example.com"
    When I DELETE "/v1/accounts/T12345678/customers/users/c-1001"
    Then the response status is 403

  Scenario: A client with a scope the operation does not list is refused
    Given I am authenticated as "public-client"
    When I GET "/customers/users"
    Then the response status is 403
