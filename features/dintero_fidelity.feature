@dintero-fidelity
Feature: Dintero fidelity
  Places where the sandbox once differed from the vendor's documented
  behaviour or published types, each pinned down here.

  A sequence account keeps a customer_id the client sends (the vendor
  advises against it but does not refuse it). A PUT checks uniqueness only
  for what it changes. A token of a customer deleted without delete_tokens
  belongs to nobody live: another customer may take the pair. The settings
  always have the published shape. Token event records show created_at and
  updated_at, so since_datetime paging works as documented. A malformed
  account id is a 400. Fixture records get a created_by. Error texts show
  patterns as written and name the field at fault.

  Background:
    Given I am authenticated as "admin-client"

  # 1. Sequence ids -------------------------------------------------------------

  Scenario: A sequence account accepts a sent customer_id and numbers the rest max+1
    Given the account settings are:
      """
      {"users": {"customer_id_format": "sequence"}}
      """
    When I POST "/customers/users" with body:
      """
      {"email": "first@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "1"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "my-own-id", "email": "own@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "my-own-id"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "41", "email": "numbered@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "41"
    When I POST "/customers/users" with body:
      """
      {"email": "next@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "42"

  Scenario: A sent customer_id that is taken is still refused on a sequence account
    Given the account settings are:
      """
      {"users": {"customer_id_format": "sequence"}}
      """
    And I POST "/customers/users" with body:
      """
      {"email": "first@example.com"}
      """
    When I POST "/customers/users" with body:
      """
      {"customer_id": "1", "email": "second@example.com"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"

  # 2. PUT checks uniqueness only for what it changes ---------------------------

  Scenario: Customers that came to share a phone number can still be updated
    Given the account settings are:
      """
      {"users": {"phone_number_validation": {"allow_duplicates": true}}}
      """
    And the customers:
      | customer_id | email             | phone_number |
      | c-1         | one@example.com   | +4799999999  |
      | c-2         | two@example.com   | +4799999999  |
      | c-3         | three@example.com | +4788888888  |
    And the account settings are:
      """
      {"users": {"phone_number_validation": {"allow_duplicates": false}}}
      """
    When I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "J"}
      """
    Then the response status is 200
    And the response field "first_name" is "J"
    When I PUT "/customers/users/c-2" with body:
      """
      {"phone_number": "+4799999999", "last_name": "Same number"}
      """
    Then the response status is 200
    When I PUT "/customers/users/c-3" with body:
      """
      {"phone_number": "+4799999999"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    And the error message contains "phone_number"

  Scenario: A type change checks the email among users of the new type
    Given the customers:
      | customer_id | type     | email            |
      | c-1         | customer | same@example.com |
      | e-1         | employee | same@example.com |
    When I PUT "/customers/users/e-1" with body:
      """
      {"first_name": "Emma"}
      """
    Then the response status is 200
    When I PUT "/customers/users/e-1" with body:
      """
      {"type": "customer"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    And the error message contains "email"
    When I GET "/customers/users/e-1"
    Then the response field "type" is "employee"

  # 3. Tokens of a deleted customer --------------------------------------------

  Scenario: A token of a customer deleted without delete_tokens may be taken by another customer
    Given the customers:
      | customer_id | email           |
      | c-1         | one@example.com |
      | c-2         | two@example.com |
    And the customer "c-1" has the tokens:
      | token_id | type       | value |
      | t-1      | sha1:email | abc   |
    When I DELETE "/customers/users/c-1"
    Then the response status is 200
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "abc"}}
      """
    Then the response status is 200
    And the response field "status" is "UNKNOWN"
    And the response has no field "customer"
    And the response has no field "token"
    When I POST "/customers/users/c-2/tokens" with body:
      """
      {"token_id": "t-2", "type": "sha1:email", "value": "abc"}
      """
    Then the response status is 201
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "abc"}}
      """
    Then the response status is 200
    And the response field "customer.customer_id" is "c-2"
    And the response field "token.token_id" is "t-2"
    When I GET "/customers/users?token_value=abc"
    Then the "customer_id" of the response items are "c-2"

  Scenario: The taken pair is deleted through its live customer, not the deleted one
    Given the customers:
      | customer_id | email           |
      | c-1         | one@example.com |
      | c-2         | two@example.com |
    And the customer "c-1" has the tokens:
      | token_id | type       | value |
      | t-1      | sha1:email | abc   |
    And I DELETE "/customers/users/c-1"
    And I POST "/customers/users/c-2/tokens" with body:
      """
      {"token_id": "t-2", "type": "sha1:email", "value": "abc"}
      """
    # decision D4: everything under a deleted customer is 404.
    When I DELETE "/customers/users/c-1/tokens/t-1"
    Then the response status is 404
    When I DELETE "/customers/users/c-2/tokens/t-2"
    Then the response status is 200
    And the response has the field "deleted_at"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "abc"}}
      """
    Then the response has no field "customer"
    # The pair is free again: a third customer may take it.
    Given the customers:
      | customer_id | email             |
      | c-3         | three@example.com |
    When I POST "/customers/users/c-3/tokens" with body:
      """
      {"type": "sha1:email", "value": "abc"}
      """
    Then the response status is 201

  Scenario: A pair still owned by a live customer stays refused to another
    Given the customers:
      | customer_id | email           |
      | c-1         | one@example.com |
      | c-2         | two@example.com |
    And the customer "c-1" has the tokens:
      | token_id | type       | value |
      | t-1      | sha1:email | abc   |
    When I POST "/customers/users/c-2/tokens" with body:
      """
      {"type": "sha1:email", "value": "abc"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"

  # 4. Settings shape ----------------------------------------------------------

  Scenario: users.mfa of a fresh account is a whole CustomersMfaSettings
    When I GET "/customers/settings"
    Then the response status is 200
    And the response field "users.mfa" is:
      """
      {"enabled": false,
       "login": {"challenge_type": "oob", "oob_channel": "sms"},
       "login_recovery": {"challenge_type": "oob", "oob_channel": "sms"}}
      """

  Scenario: An mfa setting without login and login_recovery is refused
    When I PUT "/customers/settings" with body:
      """
      {"users": {"mfa": {"enabled": false}}}
      """
    Then the response status is 400
    And the error lists the body field "users.mfa.login"
    And the error lists the body field "users.mfa.login_recovery"
    When I GET "/customers/settings"
    Then the response field "users.mfa.login.oob_channel" is "sms"

  Scenario: mfa.enabled takes its default when left out
    When I PUT "/customers/settings" with body:
      """
      {"users": {"mfa": {"login": {"challenge_type": "oob", "oob_channel": "email"},
                         "login_recovery": {"challenge_type": "oob", "oob_channel": "sms"}}}}
      """
    Then the response status is 200
    And the response field "users.mfa" is:
      """
      {"enabled": false,
       "login": {"challenge_type": "oob", "oob_channel": "email"},
       "login_recovery": {"challenge_type": "oob", "oob_channel": "sms"}}
      """

  Scenario: Settings a fixture leaves out are answered with their defaults
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            settings:
              users:
                head: {enabled: true}
      """
    When I GET "/customers/settings"
    Then the response status is 200
    And the response body is:
      """
      {"users": {"customer_id_format": "uuid",
                 "head": {"enabled": true},
                 "phone_number_validation": {"allow_duplicates": false},
                 "mfa": {"enabled": false,
                         "login": {"challenge_type": "oob", "oob_channel": "sms"},
                         "login_recovery": {"challenge_type": "oob", "oob_channel": "sms"}}}}
      """

  # 5. Token events paging by updated_at ---------------------------------------

  @in-process
  Scenario: Token event records show created_at and updated_at on the sandbox clock
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "t", "value": "a"}, "event": {"event": "first", "status": "PENDING"}}
      """
    And I save the response field "id" as "a"
    And the sandbox clock advances 5 seconds
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "t", "value": "a"}, "event": {"event": "second", "status": "OPT_IN"}}
      """
    When I GET "/customers/tokens/events"
    Then the response status is 200
    And the response field "0.id" is "{a}"
    And the response field "0.created_at" is "2026-01-02T03:00:00.000Z"
    And the response field "0.updated_at" is "2026-01-02T03:00:05.000Z"

  @in-process
  Scenario: Paging token events by the latest updated_at, as the vendor documents
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "t", "value": "a"}, "event": {"event": "a1"}}
      """
    And I save the response field "id" as "a"
    And the sandbox clock advances 1 second
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "t", "value": "b"}, "event": {"event": "b1"}}
      """
    And I save the response field "id" as "b"
    And the sandbox clock advances 1 second
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "t", "value": "c"}, "event": {"event": "c1"}}
      """
    And I save the response field "id" as "c"
    And the sandbox clock advances 1 second
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "t", "value": "a"}, "event": {"event": "a2"}}
      """
    When I GET "/customers/tokens/events?limit=2&since_datetime=2026-01-01T00:00:00Z"
    Then the response status is 200
    And the "id" of the response items are "{b}, {c}"
    And I save the response field "1.updated_at" as "latest"
    When I GET "/customers/tokens/events?limit=2&since_datetime={latest}"
    Then the response status is 200
    And the "id" of the response items are "{c}, {a}"
    And the response field "1.updated_at" is "2026-01-02T03:00:03.000Z"

  @in-process
  Scenario: since_datetime filters on updated_at, not on created_at
    Given the sandbox clock is frozen at "2026-01-02T03:00:00Z"
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "t", "value": "old"}, "event": {"event": "created early"}}
      """
    And I save the response field "id" as "old"
    And the sandbox clock advances 60 seconds
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "t", "value": "old"}, "event": {"event": "updated later"}}
      """
    When I GET "/customers/tokens/events?since_datetime=2026-01-02T03:00:30Z"
    Then the "id" of the response items are "{old}"
    When I GET "/customers/tokens/events?since_datetime=2026-01-02T03:01:01Z"
    Then the response is a list of 0 items

  # 6. Malformed account id ----------------------------------------------------

  Scenario Outline: An account id that is not P or T and 8 digits is a 400 (<aid>)
    When I GET "/v1/accounts/<aid>/customers/users"
    Then the response status is 400
    And the error lists the path field "aid"
    And the error message contains "^[PT]\d{8}$"

    Examples:
      | aid        |
      | X12345678  |
      | T1234567   |
      | T123456789 |
      | t12345678  |

  Scenario: A well-formed account id of another account is still a 403
    When I GET "/v1/accounts/{other_aid}/customers/users"
    Then the response status is 403

  Scenario: A malformed account id without a token is a 401
    Given I send no access token
    When I GET "/v1/accounts/X12345678/customers/users"
    Then the response status is 401

  # 7. Fixture records get created_by --------------------------------------------

  Scenario: Fixture customers, tags and tokens without created_by name the fixtures
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            tags:
              - tag: VIP
            customers:
              - customer_id: f-1
                email: f-1@example.com
                tags: [VIP]
                tokens:
                  - token_id: f-1-card
                    type: card
                    value: "4111"
              - customer_id: f-2
                created_by: import-job
                email: f-2@example.com
                tokens:
                  - token_id: f-2-card
                    type: card
                    value: "4222"
      """
    When I GET "/customers/users/f-1"
    Then the response field "created_by" is "sandbox-fixtures"
    When I GET "/customers/tags"
    Then the response field "0.created_by" is "sandbox-fixtures"
    When I GET "/customers/users/f-1/tokens"
    Then the response field "0.created_by" is "sandbox-fixtures"
    When I GET "/customers/users/f-2"
    Then the response field "created_by" is "import-job"
    When I GET "/customers/users/f-2/tokens"
    Then the response field "0.created_by" is "import-job"

  Scenario: A deleted fixture customer shows updated_at, the time of its deletion
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: gone-1
                created_at: "2024-01-01T00:00:00Z"
                deleted_at: "2024-02-01T00:00:00Z"
      """
    When I GET "/customers/users?include_deleted=true"
    Then the response status is 200
    And the response field "0.customer_id" is "gone-1"
    And the response field "0.created_by" is "sandbox-fixtures"
    And the response field "0.updated_at" is "2024-02-01T00:00:00.000Z"
    And the response field "0.deleted_at" is "2024-02-01T00:00:00.000Z"

  # 8. Error texts -----------------------------------------------------------

  Scenario: A pattern in an error message is shown as the schema writes it
    When I POST "/customers/users" with body:
      """
      {"phone_number": "not a number"}
      """
    Then the response status is 400
    And the error lists the body field "phone_number"
    And the error message contains "does not match pattern '^\+?[1-9]\d{1,14}$'"
    And the raw response body does not contain "\\\\"

  Scenario: contact_for on a user that is not a contact names the rule and the field
    Given the customers:
      | customer_id | email           |
      | c-1         | one@example.com |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-2", "contact_for": [{"customer_id": "c-1"}]}
      """
    Then the response status is 400
    And the error message is "contact_for is only supported for users of type contact, not customer"
    And the error lists the body field "contact_for"
    When I PUT "/customers/users/c-1" with body:
      """
      {"contact_for": [{"customer_id": "c-1"}]}
      """
    Then the response status is 400
    And the error message is "contact_for is only supported for users of type contact, not customer"

  Scenario: company on a user that may not have one names the rule and the field
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "company": {"bussiness_name": "Acme AS"}}
      """
    Then the response status is 400
    And the error message is "company is only supported for users of type company or other, not customer"
    And the error lists the body field "company"

  Scenario: Unknown tag ids are named by their place in the body, the id in the message
    Given the customers:
      | customer_id | email           |
      | c-1         | one@example.com |
    When I PUT "/customers/users/c-1/tags" with body:
      """
      ["3c90c3cc-0d44-4b50-8888-8dd25736052a"]
      """
    Then the response status is 400
    And the error lists the body field "0"
    And the error message contains "3c90c3cc-0d44-4b50-8888-8dd25736052a"
    And the error names "no tag with the id 3c90c3cc-0d44-4b50-8888-8dd25736052a" among its errors
