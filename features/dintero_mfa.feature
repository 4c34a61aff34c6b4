@dlogin
Feature: Dintero MFA login and recovery
  With users.mfa.enabled a login without the scope
  write:accounts:/auth/users/no-mfa answers 403 with error.code
  mfa_required and an mfa_token, and "sends" a one-time code on the
  users.mfa.login channel (decision D65). POST /customers/mfa_login starts
  the same challenge explicitly; POST /customers/mfa_login_recovery starts a
  recovery on the login_recovery channel. The code is always 123456 and
  shows in GET /_sandbox/messages; POST /auth/token with grant_type mfa-oob,
  the mfa_token and the code (binding_code, or oob_code for a login
  challenge) answers the customer's token (decision D66).

  Background:
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            settings:
              users:
                mfa:
                  enabled: true
                  login: {challenge_type: oob, oob_channel: sms}
                  login_recovery: {challenge_type: oob, oob_channel: email}
            customers:
              - {customer_id: c-1, email: ada@example.com, phone_number: "+4790000001", password: secret-pw}
              - {customer_id: c-2, email: nophone@example.com, password: secret-pw}
      """

  Scenario: A login with MFA on answers mfa_required, and mfa-oob completes it
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 403
    And the error code is "mfa_required"
    And the error message is "Multi-factor authentication is required"
    When I save the response field "error.mfa_token" as "mfa"
    And I GET "/_sandbox/messages?account={aid}"
    Then the response is a list of 1 item
    And the response field "0.kind" is "mfa_code"
    And the response field "0.channel" is "sms"
    And the response field "0.to" is "+4790000001"
    And the response field "0.code" is "123456"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "oob_code": "123456", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200
    When I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"
    And I GET "/customers/users/c-1"
    Then the response status is 200

  Scenario: An mfa_token answers once
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I save the response field "error.mfa_token" as "mfa"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "123456", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200
    When I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "123456", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error code is "invalid_grant"

  Scenario: A wrong code is a 400, and the fifth voids the mfa_token
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I save the response field "error.mfa_token" as "mfa"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "000000", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error code is "invalid_grant"
    And the error message is "wrong one-time code"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error lists the body field "binding_code"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "000001", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "000002", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "000003", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "000004", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "123456", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error message is "unknown or expired mfa_token"

  Scenario: The no-mfa scope skips MFA
    Given I am authenticated as "nomfa-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 200
    And the response has the field "access_token"

  Scenario: A customer without a phone number gets no SMS code: 400
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "nophone@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 400
    And the error message is "the customer has no phone_number to send the sms one-time code to"

  Scenario: mfa_login answers the documented challenge
    Given I am authenticated as "login-client"
    When I POST "/customers/mfa_login" with body:
      """
      {"ident_type": "email", "ident": "ada@example.com", "secret": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 200
    And the response field "challenge_type" is "oob"
    And the response field "oob_channel" is "sms"
    And the response field "links.0.rel" is "mfa_challenge"
    And the response field "links.0.href" is "http://sandbox.test/v1/accounts/{aid}/auth/mfa/challenge"
    And the response field "links.1.rel" is "mfa_oob"
    And the response field "links.1.href" is "http://sandbox.test/v1/accounts/{aid}/auth/token"
    When I save the response field "mfa_token" as "mfa"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "123456", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200

  Scenario: mfa_login with a wrong secret or a malformed body
    Given I am authenticated as "login-client"
    When I POST "/customers/mfa_login" with body:
      """
      {"ident_type": "phone_number", "ident": "+4790000001", "secret": "wrong", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 401
    And the error code is "unauthorized"
    When I POST "/customers/mfa_login" with body:
      """
      {"ident_type": "phone_number", "ident": "+4790000001", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 400
    And the error lists the body field "secret"

  Scenario: Another client cannot answer the challenge
    Given I am authenticated as "login-client"
    When I POST "/customers/mfa_login" with body:
      """
      {"ident_type": "email", "ident": "ada@example.com", "secret": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I save the response field "mfa_token" as "mfa"
    And I am authenticated as "refresh-client"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "binding_code": "123456", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 403
    And the error message is "Forbidden: the mfa_token belongs to another client"

  Scenario: An MFA recovery sends a code by email and completes with oob_code and binding_code
    Given I am authenticated as "login-client"
    When I POST "/customers/mfa_login_recovery" with body:
      """
      {"ident_type": "phone_number", "ident": "+4790000001", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 200
    And the response field "challenge_type" is "oob"
    And the response field "binding_method" is "prompt"
    And the response field "links.0.rel" is "mfa_oob"
    When I save the response field "mfa_token" as "mfa"
    And I save the response field "oob_code" as "oob"
    And I GET "/_sandbox/messages?account={aid}"
    Then the response field "0.kind" is "mfa_recovery_code"
    And the response field "0.channel" is "email"
    And the response field "0.to" is "ada@example.com"
    When I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "oob_code": "{oob}", "binding_code": "123456", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 200
    When I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"
    And I GET "/customers/users/c-1"
    Then the response status is 200

  Scenario: A recovery answered without the code is refused
    Given I am authenticated as "login-client"
    When I POST "/customers/mfa_login_recovery" with body:
      """
      {"ident_type": "email", "ident": "ada@example.com", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I save the response field "mfa_token" as "mfa"
    And I save the response field "oob_code" as "oob"
    And I POST "/auth/token" with body:
      """
      {"grant_type": "mfa-oob", "mfa_token": "{mfa}", "oob_code": "{oob}", "audience": "https://api.dintero.com/v1/accounts/{aid}"}
      """
    Then the response status is 400
    And the error code is "invalid_grant"

  Scenario: A recovery for an unknown user is a 401, a malformed one a 400
    Given I am authenticated as "login-client"
    When I POST "/customers/mfa_login_recovery" with body:
      """
      {"ident_type": "email", "ident": "nobody@example.com", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 401
    When I POST "/customers/mfa_login_recovery" with body:
      """
      {"ident_type": "fax", "ident": "ada@example.com", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 400
    And the error lists the body field "ident_type"
