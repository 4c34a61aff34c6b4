Feature: Verify a customer's email and phone number
  GET /customers/users/{customer_id}/communication tells which of the
  customer's channels are verified: communication.email and
  communication.phone_number carry verified_at and allowed once verified.

  Verifying takes two calls to POST
  /customers/users/{customer_id}/communication/{operation}/{field}, where
  field is email or phone_number: send-verification-code sends the customer a
  code, and confirm-verification-code with {"code": "…"} confirms it. Both
  answer 204 with no body. No email or SMS leaves the sandbox: the code sent
  is always 123456. A new email or phone number is not verified.

  Background:
    Given I am authenticated as "admin-client"
    And the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And the customers:
      | customer_id | email            | phone_number |
      | c-1         | john@example.com | +4799999999  |
      | c-2         | kari@example.com |              |
    And the sandbox clock is frozen at "2026-01-02T03:10:00Z"

  # GET /customers/users/{customer_id}/communication

  @in-process
  Scenario: A new customer has nothing verified
    Given I GET "/customers/users/c-1"
    And I save the response field "id" as "cid"
    When I GET "/customers/users/c-1/communication"
    Then the response status is 200
    And the response field "id" is "{cid}"
    And the response field "created_at" is "2026-01-02T03:04:05.000Z"
    And the response field "communication" is:
      """
      {}
      """

  # Email

  @in-process
  Scenario: Sending an email verification code
    When I POST "/customers/users/c-1/communication/send-verification-code/email"
    Then the response status is 204
    And the response body is empty
    When I GET "/customers/users/c-1/communication"
    Then the response has no field "communication.email.verified_at"

  @in-process
  Scenario: Confirming the email with the code sent
    Given I POST "/customers/users/c-1/communication/send-verification-code/email"
    When the sandbox clock advances 90 seconds
    And I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 204
    And the response body is empty
    When I GET "/customers/users/c-1/communication"
    Then the response status is 200
    And the response field "communication.email.verified_at" is "2026-01-02T03:11:30.000Z"
    And the response field "communication.email.allowed" is true
    And the response has no field "communication.phone_number"

  @in-process
  Scenario: A wrong code does not verify the email
    Given I POST "/customers/users/c-1/communication/send-verification-code/email"
    When I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "654321"}
      """
    Then the response status is 400
    When I GET "/customers/users/c-1/communication"
    Then the response field "communication" is:
      """
      {}
      """

  @in-process
  Scenario: Confirming without a code does not verify the email
    Given I POST "/customers/users/c-1/communication/send-verification-code/email"
    When I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {}
      """
    Then the response status is 400
    When I POST "/customers/users/c-1/communication/confirm-verification-code/email"
    Then the response status is 400
    When I GET "/customers/users/c-1/communication"
    Then the response has no field "communication.email"

  @in-process
  Scenario: A code must be sent before it can be confirmed
    When I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 400
    When I GET "/customers/users/c-1/communication"
    Then the response has no field "communication.email"

  @in-process
  Scenario: The code sent for the email does not confirm the phone number
    Given I POST "/customers/users/c-1/communication/send-verification-code/email"
    When I POST "/customers/users/c-1/communication/confirm-verification-code/phone_number" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 400
    When I GET "/customers/users/c-1/communication"
    Then the response field "communication" is:
      """
      {}
      """

  # Phone number

  @in-process
  Scenario: Confirming the phone number with the code sent
    Given I POST "/customers/users/c-1/communication/send-verification-code/phone_number"
    And the response status is 204
    When I POST "/customers/users/c-1/communication/confirm-verification-code/phone_number" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 204
    When I GET "/customers/users/c-1/communication"
    Then the response field "communication.phone_number.verified_at" is "2026-01-02T03:10:00.000Z"
    And the response field "communication.phone_number.allowed" is true
    And the response has no field "communication.email"

  @in-process
  Scenario: No code is sent for a phone number the customer lacks
    When I POST "/customers/users/c-2/communication/send-verification-code/phone_number"
    Then the response status is 400
    When I POST "/customers/users/c-2/communication/confirm-verification-code/phone_number" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 400
    When I GET "/customers/users/c-2/communication"
    Then the response field "communication" is:
      """
      {}
      """

  # The path

  @in-process
  Scenario Outline: An operation or field outside the documented ones is refused (<path>)
    When I POST "/customers/users/c-1/communication/<path>" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the path field "<field>"

    Examples:
      | path                                 | field     |
      | send-code/email                      | operation |
      | verify/email                         | operation |
      | send-verification-code/sms           | field     |
      | confirm-verification-code/first_name | field     |
      | send-verification-code/Email         | field     |

  # Changes to the customer

  @in-process
  Scenario: A new email through an update is not verified
    Given I POST "/customers/users/c-1/communication/send-verification-code/email"
    And I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "123456"}
      """
    And I POST "/customers/users/c-1/communication/send-verification-code/phone_number"
    And I POST "/customers/users/c-1/communication/confirm-verification-code/phone_number" with body:
      """
      {"code": "123456"}
      """
    When I PUT "/customers/users/c-1" with body:
      """
      {"email": "johnny@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/c-1/communication"
    Then the response has no field "communication.email.verified_at"
    And the response field "communication.phone_number.verified_at" is "2026-01-02T03:10:00.000Z"

  @in-process
  Scenario: An update that keeps the email keeps it verified
    Given I POST "/customers/users/c-1/communication/send-verification-code/email"
    And I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "123456"}
      """
    When I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "John", "email": "john@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/c-1/communication"
    Then the response field "communication.email.verified_at" is "2026-01-02T03:10:00.000Z"
    And the response field "communication.email.allowed" is true

  @in-process
  Scenario: A new email can be verified in turn
    Given I POST "/customers/users/c-1/communication/send-verification-code/email"
    And I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "123456"}
      """
    And I PUT "/customers/users/c-1" with body:
      """
      {"email": "johnny@example.com"}
      """
    When the sandbox clock advances 60 seconds
    And I POST "/customers/users/c-1/communication/send-verification-code/email"
    And I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 204
    When I GET "/customers/users/c-1/communication"
    Then the response field "communication.email.verified_at" is "2026-01-02T03:11:00.000Z"

  @in-process
  Scenario: Removing the phone number through an update removes its verification
    Given I POST "/customers/users/c-1/communication/send-verification-code/phone_number"
    And I POST "/customers/users/c-1/communication/confirm-verification-code/phone_number" with body:
      """
      {"code": "123456"}
      """
    When I PUT "/customers/users/c-1" with body:
      """
      {"phone_number": null}
      """
    Then the response status is 200
    When I GET "/customers/users/c-1/communication"
    Then the response has no field "communication.phone_number.verified_at"

  # Unknown customers, scopes and accounts

  @in-process
  Scenario: The communication of an unknown customer is 404
    When I GET "/customers/users/no-such-customer/communication"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Customer not found"
    When I POST "/customers/users/no-such-customer/communication/send-verification-code/email"
    Then the response status is 404
    And the error message is "Customer not found"

  @in-process
  Scenario: The communication of a deleted customer is 404
    Given I DELETE "/customers/users/c-1"
    When I GET "/customers/users/c-1/communication"
    Then the response status is 404
    When I POST "/customers/users/c-1/communication/send-verification-code/email"
    Then the response status is 404

  @in-process
  Scenario: A read-only client may read the communication but not verify
    Given I am authenticated as "read-client"
    When I GET "/customers/users/c-1/communication"
    Then the response status is 200
    When I POST "/customers/users/c-1/communication/send-verification-code/email"
    Then the response status is 403
    And the error message is "Forbidden: the token lacks a scope this operation needs"
    Given I am authenticated as "admin-client"
    And I POST "/customers/users/c-1/communication/send-verification-code/email"
    And I am authenticated as "read-client"
    When I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 403
    When I GET "/customers/users/c-1/communication"
    Then the response has no field "communication.email"

  @in-process
  Scenario: A write client may verify
    Given I am authenticated as "write-client"
    When I POST "/customers/users/c-1/communication/send-verification-code/email"
    Then the response status is 204
    When I POST "/customers/users/c-1/communication/confirm-verification-code/email" with body:
      """
      {"code": "123456"}
      """
    Then the response status is 204
    When I GET "/customers/users/c-1/communication"
    Then the response status is 403
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/c-1/communication"
    Then the response field "communication.email.allowed" is true

  @in-process
  Scenario: A customer of another account is unknown here
    Given I am authenticated as "admin-client" on the other account
    When I GET "/v1/accounts/{other_aid}/customers/users/c-1/communication"
    Then the response status is 404
    When I POST "/v1/accounts/{other_aid}/customers/users/c-1/communication/send-verification-code/email"
    Then the response status is 404
