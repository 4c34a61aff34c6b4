@dlogin
Feature: Dintero customer login and password reset
  POST /customers/login logs a customer user in with its email (or
  ident_type/ident) and password or pin, and answers an AccessToken that
  carries the customer (claims sub and customer_id) with the scope
  user:customers (decision D64). The caller needs write:accounts:/auth/users
  (or /no-mfa). Only users of type customer or company log in; a wrong
  password, an unknown or deleted user get the same 401 (decision D65).
  POST /customers/change_password "sends" a reset message, listed by
  GET /_sandbox/messages, and POST /_sandbox/password_reset completes it
  (decisions D68, D69).

  Background:
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - {customer_id: c-1, email: Ada@Example.com, phone_number: "+4790000001", password: secret-pw, first_name: Ada}
              - {customer_id: c-2, email: bo@example.com, phone_number: "+4790000002", pin: "123456"}
              - {customer_id: c-3, type: company, email: ada@example.com, password: company-pw,
                 company: {bussiness_name: TKP tech AS, organization_number: "123456789"}}
              - {customer_id: c-4, type: contact, email: per@example.com, first_name: Per}
              - {customer_id: c-5, type: employee, email: emp@example.com, first_name: Emp}
      """

  Scenario: A customer logs in with email and password and reads its own record
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 200
    And the response field "token_type" is "Bearer"
    And the response field "expires_in" is the number 86400
    And the response has no field "refresh_token"
    When I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"
    And I GET "/customers/users/c-1"
    Then the response status is 200
    And the response field "first_name" is "Ada"
    When I GET "/customers/users/c-2"
    Then the response status is 403
    And the error message is "Forbidden: a user token may only access its own customer"

  Scenario: A customer logs in with ident_type phone_number and a pin
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"ident_type": "phone_number", "ident": "+4790000002", "password": "123456", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 200
    And the response field "access_token" matches "^[\w-]+\.[\w-]+\.[\w-]+$"

  Scenario: The type picks between users that share an email
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "company-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "company"}
      """
    Then the response status is 200
    When I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"
    And I GET "/customers/users/c-3"
    Then the response status is 200
    And I GET "/customers/users/c-1"
    Then the response status is 403

  Scenario Outline: Wrong credentials, unknown and deleted users get the same 401
    Given I am authenticated as "admin-client"
    And I DELETE "/customers/users/c-2"
    And I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "<email>", "password": "<password>", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 401
    And the error code is "unauthorized"
    And the error message is "Invalid user credentials"

    Examples:
      | email              | password      |
      | ada@example.com    | wrong-pw      |
      | ada@example.com    | company-pw    |
      | nobody@example.com | secret-pw     |
      | bo@example.com     | 123456        |
      | per@example.com    | whatever      |

  Scenario: An employee cannot log in: the type must be customer or company
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "emp@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "employee"}
      """
    Then the response status is 400
    And the error lists the body field "type"

  Scenario Outline: Malformed login bodies are 400
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error lists the body field "<field>"

    Examples:
      | body                                                                                                   | field    |
      | {"password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"} | email    |
      | {"email": "ada@example.com", "password": "abc", "audience": "x/accounts/{aid}", "type": "customer"}    | password |
      | {"email": "ada@example.com", "password": "secret-pw", "type": "customer"}                              | audience |
      | {"email": "ada@example.com", "audience": "x/accounts/{aid}", "type": "customer"}                       | password |

  Scenario: The audience must name the account of the path
    Given I am authenticated as "login-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{other_aid}", "type": "customer"}
      """
    Then the response status is 403
    And the error message is "Forbidden: the audience must be the account of the path"

  Scenario: Logging customers in needs write:accounts:/auth/users
    Given I am authenticated as "admin-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 403
    And the error message is "Forbidden: the token lacks a scope this operation needs"

  Scenario: A caller with create:accounts:auth:refresh_token also gets a refresh token
    Given I am authenticated as "refresh-client"
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 200
    And the response has the field "refresh_token"

  Scenario: change_password sends a reset message, and the reset sets a new password
    Given I am authenticated as "login-client"
    When I POST "/customers/change_password" with body:
      """
      {"email": "ada@example.com", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 204
    When I GET "/_sandbox/messages?account={aid}"
    Then the response is a list of 1 item
    And the response field "0.kind" is "password_reset"
    And the response field "0.channel" is "email"
    And the response field "0.to" is "Ada@Example.com"
    And the response field "0.customer_id" is "c-1"
    And the response field "0.link" matches "/_sandbox/password_reset\?token=[0-9a-f]+$"
    When I save the response field "0.code" as "reset"
    And I POST "/_sandbox/password_reset" with body:
      """
      {"token": "{reset}", "password": "new-secret"}
      """
    Then the response status is 204
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 401
    When I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "new-secret", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 200
    When I POST "/_sandbox/password_reset" with body:
      """
      {"token": "{reset}", "password": "other-secret"}
      """
    Then the response status is 400
    And the error message is "unknown, used or expired password reset token"

  Scenario: A reset password must be 4 to 255 characters
    Given I am authenticated as "login-client"
    When I POST "/customers/change_password" with body:
      """
      {"email": "ada@example.com", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I GET "/_sandbox/messages?account={aid}"
    And I save the response field "0.code" as "reset"
    And I POST "/_sandbox/password_reset" with body:
      """
      {"token": "{reset}", "password": "abc"}
      """
    Then the response status is 400

  Scenario: change_password for an email no user of that type has sends nothing
    Given I am authenticated as "login-client"
    When I POST "/customers/change_password" with body:
      """
      {"email": "per@example.com", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 204
    When I GET "/_sandbox/messages?account={aid}"
    Then the response is a list of 0 items

  Scenario: change_password needs write:accounts:/auth/users and a whole body
    Given I am authenticated as "admin-client"
    When I POST "/customers/change_password" with body:
      """
      {"email": "ada@example.com", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 403
    Given I am authenticated as "login-client"
    When I POST "/customers/change_password" with body:
      """
      {"audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    Then the response status is 400
    And the error lists the body field "email"

  @in-process
  Scenario: The default shop client logs the default customer in
    Given I am authenticated as "shop-client" with secret "shop-secret" on account "T12345678"
    When I POST "/v1/accounts/T12345678/customers/login" with body:
      """
      {"email": "customer@example.com", "password": "sandbox-password", "audience": "http://localhost:8080/v1/accounts/T12345678", "type": "customer"}
      """
    Then the response status is 200
    And the response has the field "refresh_token"
    When I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"
    And I GET "/v1/accounts/T12345678/customers/users/c-1001"
    Then the response status is 200
    And the response field "email" is "customer@example.com"

  @in-process
  Scenario: Verification codes show in the sent messages, and DELETE clears them
    Given I am authenticated as "admin-client"
    When I POST "/customers/users/c-1/communication/send-verification-code/phone_number" with body:
      """
      {}
      """
    Then the response status is 204
    When I GET "/_sandbox/messages?to=%2B4790000001"
    Then the response is a list of 1 item
    And the response field "0.kind" is "verification_code"
    And the response field "0.channel" is "sms"
    And the response field "0.code" is "123456"
    And the response field "0.account" is "{aid}"
    When I DELETE "/_sandbox/messages"
    Then the response status is 204
    When I GET "/_sandbox/messages"
    Then the response is a list of 0 items
