Feature: Create and read customers
  POST /v1/accounts/{aid}/customers/users creates a customer user and answers
  200 with it; GET /customers/users/{customer_id} reads it back. The
  customer_id is generated unless the client sends one. customer_id, email
  and phone_number must be unique when given: email ignores case, and both
  email and phone number are unique per user type. A duplicate is a 400.
  Password and pin are accepted only from clients with the scope
  write:accounts:/auth/users, and are never returned.

  Background:
    Given I am authenticated as "admin-client"

  @in-process
  Scenario: Create a customer with a generated customer_id
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/users" with body:
      """
      {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com", "phone_number": "+4799999999"}
      """
    Then the response status is 200
    And the response field "customer_id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And the response field "id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And the response field "type" is "customer"
    And the response field "first_name" is "John"
    And the response field "email" is "john.doe@example.com"
    And the response field "phone_number" is "+4799999999"
    And the response field "created_at" is "2026-01-02T03:04:05.000Z"
    And the response field "updated_at" is "2026-01-02T03:04:05.000Z"
    And the response field "created_by" is "admin-client"
    And the response has no field "deleted_at"

  Scenario: The customer_id sent by the client is kept
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1001", "email": "kari@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "c-1001"
    And I save the response field "id" as "uuid"
    When I GET "/customers/users/c-1001"
    Then the response status is 200
    And the response field "id" is "{uuid}"
    And the response field "customer_id" is "c-1001"
    And the response field "email" is "kari@example.com"

  @in-process
  Scenario: A created customer reads back with every field it was given
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/users" with body:
      """
      {
        "customer_id": "c-full",
        "first_name": "John",
        "last_name": "Doe",
        "email": "customer@example.com",
        "phone_number": "+4799999999",
        "status": "ACTIVE",
        "favorite_store": "SID1234",
        "gender": "male",
        "date_of_birth": "1990-09-20",
        "metadata": {"dob_year": 1985},
        "attributes": {"loyalty_level": "gold"},
        "enrolled_by": {"type": "url", "value": "https://facebook.com"},
        "addresses": [{"address_line": "Sommerkroveien 34", "postal_code": "0349", "postal_place": "Oslo", "country": "NO", "type": "home"}]
      }
      """
    Then the response status is 200
    And I save the response field "id" as "uuid"
    When I GET "/customers/users/c-full"
    Then the response status is 200
    And the response body is:
      """
      {
        "id": "{uuid}",
        "customer_id": "c-full",
        "type": "customer",
        "created_at": "2026-01-02T03:04:05.000Z",
        "created_by": "admin-client",
        "updated_at": "2026-01-02T03:04:05.000Z",
        "first_name": "John",
        "last_name": "Doe",
        "email": "customer@example.com",
        "phone_number": "+4799999999",
        "status": "ACTIVE",
        "favorite_store": "SID1234",
        "gender": "male",
        "date_of_birth": "1990-09-20",
        "metadata": {"dob_year": 1985},
        "attributes": {"loyalty_level": "gold"},
        "enrolled_by": {"type": "url", "value": "https://facebook.com"},
        "addresses": [{"address_line": "Sommerkroveien 34", "postal_code": "0349", "postal_place": "Oslo", "country": "NO", "type": "home"}]
      }
      """

  Scenario: Reading an unknown customer is 404
    When I GET "/customers/users/no-such-customer"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Customer not found"

  Scenario: A customer_id that is taken is a duplicate
    Given the customers:
      | customer_id | email             |
      | c-1         | first@example.com |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "second@example.com"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users/c-1"
    Then the response field "email" is "first@example.com"

  Scenario: The customer_id of a deleted customer stays taken
    Given the customers:
      | customer_id | email             |
      | c-1         | first@example.com |
    And I DELETE "/customers/users/c-1"
    And the response status is 200
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "second@example.com"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users?include_deleted=true"
    Then the response is a list of 1 item
    And the response field "0.customer_id" is "c-1"
    And the response has the field "0.deleted_at"

  Scenario: Email addresses are unique per type, ignoring case
    Given the customers:
      | customer_id | email             |
      | c-1         | anna@example.com  |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-2", "email": "ANNA@Example.com"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users/c-2"
    Then the response status is 404

  Scenario: Users of different types may share an email address
    Given the customers:
      | customer_id | email             |
      | c-1         | anna@example.com  |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "e-1", "type": "employee", "email": "anna@example.com"}
      """
    Then the response status is 200
    And the response field "type" is "employee"
    And the response field "email" is "anna@example.com"
    When I GET "/customers/users?type=any&email=anna%40example.com"
    Then the "customer_id" of the response items are "c-1, e-1"

  Scenario: Phone numbers are unique per type
    Given the customers:
      | customer_id | phone_number |
      | c-1         | +4791234567  |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-2", "phone_number": "+4791234567"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "e-2", "type": "employee", "phone_number": "+4791234567"}
      """
    Then the response status is 200

  Scenario: Shared phone numbers when the settings allow duplicates
    Given the account settings are:
      """
      {"users": {"customer_id_format": "uuid", "phone_number_validation": {"allow_duplicates": true}}}
      """
    And the customers:
      | customer_id | phone_number |
      | c-1         | +4791234567  |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-2", "phone_number": "+4791234567"}
      """
    Then the response status is 200
    And the response field "phone_number" is "+4791234567"
    When I GET "/customers/users?phone_number=%2B4791234567"
    Then the "customer_id" of the response items are "c-1, c-2"

  Scenario Outline: A customer_id must be 1 to 255 characters without surrounding spaces
    Given the text "x" repeated 256 times is saved as "too_long"
    When I POST "/customers/users" with body:
      """
      {"customer_id": <customer_id>, "email": "someone@example.com"}
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "customer_id"
    When I GET "/customers/users"
    Then the response is a list of 0 items

    Examples:
      | customer_id  |
      | " c-1"       |
      | "c-1 "       |
      | "c-1\t"      |
      | "{too_long}" |
      | ""           |

  Scenario: A customer_id of exactly 255 characters is accepted
    Given the text "x" repeated 255 times is saved as "longest"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "{longest}"}
      """
    Then the response status is 200
    And the response field "customer_id" is "{longest}"
    When I GET "/customers/users/{longest}"
    Then the response status is 200

  Scenario: A customer_id with a space round-trips through the path
    When I POST "/customers/users" with body:
      """
      {"customer_id": "summer sale 2026", "email": "summer@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/summer%20sale%202026"
    Then the response status is 200
    And the response field "customer_id" is "summer sale 2026"
    And the response field "email" is "summer@example.com"

  Scenario: A customer_id with a slash round-trips when the slash is encoded
    When I POST "/customers/users" with body:
      """
      {"customer_id": "shop/42", "email": "shop42@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/shop%2F42"
    Then the response status is 200
    And the response field "customer_id" is "shop/42"
    And the response field "email" is "shop42@example.com"

  Scenario Outline: A phone number must be in E.164 form
    When I POST "/customers/users" with body:
      """
      {"phone_number": "<phone_number>"}
      """
    Then the response status is 400
    And the error lists the body field "phone_number"

    Examples:
      | phone_number   |
      | 99 99 99 99    |
      | +0479999999    |
      | +47999999999999999 |
      | phone          |

  Scenario: A phone number without the plus sign is accepted
    When I POST "/customers/users" with body:
      """
      {"phone_number": "4799999999"}
      """
    Then the response status is 200
    And the response field "phone_number" is "4799999999"

  Scenario: A company user needs a company
    When I POST "/customers/users" with body:
      """
      {"type": "company", "email": "post@tkptech.example.com"}
      """
    Then the response status is 400
    And the error lists the body field "company"
    When I GET "/customers/users?type=any"
    Then the response is a list of 0 items

  Scenario: Create a company user
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1003", "type": "company", "email": "post@tkptech.example.com",
       "company": {"bussiness_name": "TKP tech AS", "organization_number": "123456789MVA", "department": "sales department"}}
      """
    Then the response status is 200
    And the response field "type" is "company"
    And the response field "company" is:
      """
      {"bussiness_name": "TKP tech AS", "organization_number": "123456789MVA", "department": "sales department"}
      """

  Scenario: Only company and other users may have a company
    When I POST "/customers/users" with body:
      """
      {"type": "customer", "email": "ola@example.com", "company": {"bussiness_name": "TKP tech AS"}}
      """
    Then the response status is 400
    When I GET "/customers/users?type=any"
    Then the response is a list of 0 items

  Scenario: A contact user links to existing customers
    Given the customers:
      | customer_id | type    | email                 | company                            |
      | c-1003      | company | post@tkp.example.com  | {"bussiness_name": "TKP tech AS"}  |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1004", "type": "contact", "email": "per.olsen@example.com", "contact_for": [{"customer_id": "c-1003"}]}
      """
    Then the response status is 200
    And the response field "contact_for" is:
      """
      [{"customer_id": "c-1003"}]
      """

  Scenario: contact_for must name an existing customer
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1004", "type": "contact", "contact_for": [{"customer_id": "no-such-customer"}]}
      """
    Then the response status is 400
    When I GET "/customers/users/c-1004"
    Then the response status is 404

  Scenario: contact_for is only for contact users
    Given the customers:
      | customer_id | email             |
      | c-1         | first@example.com |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-2", "type": "customer", "contact_for": [{"customer_id": "c-1"}]}
      """
    Then the response status is 400
    When I GET "/customers/users/c-2"
    Then the response status is 404

  Scenario: A client with create:customers:/users may create customers
    Given I am authenticated as "create-client"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "someone@example.com"}
      """
    Then the response status is 200
    And the response field "created_by" is "create-client"

  Scenario: Employee users need admin:customers or write:customers
    Given I am authenticated as "create-client"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "e-1", "type": "employee", "email": "staff@example.com"}
      """
    Then the response status is 403
    And the error code is "FORBIDDEN"
    Given I am authenticated as "write-client"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "e-1", "type": "employee", "email": "staff@example.com"}
      """
    Then the response status is 200
    And the response field "type" is "employee"

  Scenario: Other users need admin:customers or write:customers
    Given I am authenticated as "create-client"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "o-1", "type": "other", "email": "partner@example.com"}
      """
    Then the response status is 403
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/o-1"
    Then the response status is 404

  Scenario: A password needs the scope write:accounts:/auth/users
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "someone@example.com", "password": "s3cret-pass"}
      """
    Then the response status is 403
    And the error code is "FORBIDDEN"
    When I GET "/customers/users/c-1"
    Then the response status is 404

  Scenario: A pin needs the scope write:accounts:/auth/users
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "someone@example.com", "pin": "123456"}
      """
    Then the response status is 403
    And the error code is "FORBIDDEN"

  Scenario: Password and pin are stored but never returned
    Given I am authenticated as "auth-client"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "someone@example.com", "password": "s3cret-pass", "pin": "123456"}
      """
    Then the response status is 200
    And the response field "email" is "someone@example.com"
    And the response has no field "password"
    And the response has no field "pin"
    When I GET "/customers/users/c-1"
    Then the response status is 200
    And the response has no field "password"
    And the response has no field "pin"

  Scenario Outline: A pin is exactly 6 digits
    Given I am authenticated as "auth-client"
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "pin": "<pin>"}
      """
    Then the response status is 400
    And the error lists the body field "pin"
    When I GET "/customers/users/c-1"
    Then the response status is 404

    Examples:
      | pin     |
      | 12345   |
      | 1234567 |
      | 12345a  |

  Scenario: Sequential customer_ids when the settings ask for them
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
      {"email": "second@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "2"
    When I GET "/customers/users/2"
    Then the response field "email" is "second@example.com"

  Scenario: A sequence account keeps a customer_id the client sends
    # The vendor says a client "should not" send its own customer_id then,
    # but does not refuse it.
    Given the account settings are:
      """
      {"users": {"customer_id_format": "sequence"}}
      """
    When I POST "/customers/users" with body:
      """
      {"customer_id": "my-own-id", "email": "first@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "my-own-id"
    When I GET "/customers/users"
    Then the response is a list of 1 item

  Scenario: Fields the API does not know are not stored
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "someone@example.com", "shoe_size": 42}
      """
    Then the response status is 200
    And the response field "email" is "someone@example.com"
    And the response has no field "shoe_size"
    When I GET "/customers/users/c-1"
    Then the response has no field "shoe_size"

  Scenario: A customer is visible only on its own account
    Given the customers:
      | customer_id | email             |
      | c-1         | first@example.com |
    And I am authenticated as "admin-client" on the other account
    When I GET "/v1/accounts/{other_aid}/customers/users/c-1"
    Then the response status is 404
    And the error code is "NOT FOUND"
    When I GET "/v1/accounts/{other_aid}/customers/users"
    Then the response is a list of 0 items
    When I GET "/customers/users/c-1"
    Then the response status is 403

  Scenario: The same customer_id may exist on two accounts
    Given the customers:
      | customer_id | email             |
      | c-1         | first@example.com |
    And I am authenticated as "admin-client" on the other account
    When I POST "/v1/accounts/{other_aid}/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "first@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "c-1"
