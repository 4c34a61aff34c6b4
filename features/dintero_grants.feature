@dlogin
Feature: Every grant of the Dintero token endpoint
  POST /auth/token takes, besides client_credentials (HTTP Basic), the
  grants password and authorization_code (Bearer: a token with access to
  the token endpoint), account_user_token (Bearer: a user token),
  refresh_token (Bearer: a token of the client the refresh token was issued
  to) and mfa-oob (dintero_mfa.feature). A refresh token comes with
  password and authorization_code when the caller has
  create:accounts:auth:refresh_token. Unsupported or malformed grants are
  400 (decision D64). The path takes an account (P/T and 8 digits) or an
  owner (P/T and 3 digits), §7.1.

  Background:
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - {customer_id: c-1, email: ada@example.com, phone_number: "+4790000001", password: secret-pw}
              - {customer_id: c-2, type: company, email: co@example.com, password: company-pw,
                 company: {bussiness_name: Co AS}}
      """

  Scenario: The password grant logs a customer in by email or phone number
    Given I am authenticated as "refresh-client"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "password", "username": "+4790000001", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200
    And the response has the field "refresh_token"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "password", "username": "co@example.com", "password": "company-pw", "type": "company", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200
    When I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"
    And I GET "/customers/users/c-2"
    Then the response status is 200

  Scenario: The password grant with a wrong password, without a Bearer, without access or without a username
    Given I am authenticated as "login-client"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "password", "username": "ada@example.com", "password": "nope", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 401
    And the error message is "Invalid user credentials"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "password", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error lists the body field "username"
    Given I am authenticated as "admin-client"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "password", "username": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 403
    Given I send the Authorization header "Basic bG9naW4tY2xpZW50OmxvZ2luLXNlY3JldA=="
    When I POST "/auth/token" with body:
      """
      {"grant_type": "password", "username": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 401
    And the error code is "unauthorized"

  Scenario: The password grant of another account's client is refused
    Given I am authenticated as "login-client" on the other account
    When I POST "/auth/token" with body:
      """
      {"grant_type": "password", "username": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 403
    And the error message is "Forbidden: the token is not valid for this account"

  @in-process
  Scenario: An authorization code from the sandbox answers once
    Given I am authenticated as "login-client"
    When I POST "/_sandbox/authorization_codes" with body:
      """
      {"account": "{aid}", "customer_id": "c-1"}
      """
    Then the response status is 201
    And the response field "expires_in" is the number 600
    When I save the response field "code" as "code"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "authorization_code", "code": "{code}", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200
    And the response has no field "refresh_token"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "authorization_code", "code": "{code}", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error code is "invalid_grant"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "authorization_code", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error lists the body field "code"

  @in-process
  Scenario: Authorization codes only for live customers
    When I POST "/_sandbox/authorization_codes" with body:
      """
      {"account": "{aid}", "customer_id": "nobody"}
      """
    Then the response status is 404
    When I POST "/_sandbox/authorization_codes" with body:
      """
      {"account": "{aid}"}
      """
    Then the response status is 400

  Scenario: A refresh token gets new user tokens for the client it was issued to
    Given I am authenticated as "refresh-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I save the response field "refresh_token" as "refresh"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "refresh_token", "refresh_token": "{refresh}", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200
    When I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"
    And I GET "/customers/users/c-1"
    Then the response status is 200
    Given I am authenticated as "login-client"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "refresh_token", "refresh_token": "{refresh}", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 403
    And the error message is "Forbidden: the refresh token belongs to another client"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "refresh_token", "refresh_token": "not-a-refresh-token", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error code is "invalid_grant"

  Scenario: A deleted customer's refresh token no longer works
    Given I am authenticated as "refresh-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I save the response field "refresh_token" as "refresh"
    And I am authenticated as "admin-client"
    And I DELETE "/customers/users/c-1"
    And I am authenticated as "refresh-client"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "refresh_token", "refresh_token": "{refresh}", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 401

  Scenario: account_user_token exchanges a user token for a fresh one
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "account_user_token", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200
    When I save the response field "access_token" as "fresh_token"
    And I send the Authorization header "Bearer {fresh_token}"
    And I GET "/customers/users/c-1"
    Then the response status is 200
    Given I am authenticated as "admin-client"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "account_user_token", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error code is "invalid_grant"

  Scenario Outline: Unsupported grants are 400
    Given I send the Authorization header "Basic bG9naW4tY2xpZW50OmxvZ2luLXNlY3JldA=="
    When I POST "/auth/token" with body:
      """
      {"grant_type": "<grant>", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error code is "unsupported_grant_type"

    Examples:
      | grant              |
      | implicit           |
      | device_code        |
      | CLIENT_CREDENTIALS |

  Scenario Outline: The token path takes accounts and owners (P or T, then 3 or 8 digits)
    Given I send the Authorization header "Basic bG9naW4tY2xpZW50OmxvZ2luLXNlY3JldA=="
    When I POST "/v1/accounts/<oid>/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "https://api.dintero.com/v1/accounts/<oid>"}
      """
    Then the response status is <status>

    Examples:
      | oid        | status |
      | P123       | 401    |
      | T123       | 401    |
      | P12        | 400    |
      | P1234      | 400    |
      | X12345678  | 400    |
      | T123456789 | 400    |
