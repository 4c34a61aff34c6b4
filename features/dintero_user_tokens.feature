@dlogin
Feature: User tokens touch their own customer only
  A token that carries a customer (from login, or a fixture client with
  customer_id) and only the scope user:customers reads and updates that
  customer through rows 4–6 and 8–14 and gets 403 for any other customer;
  with user:customers:/customer/details it may only read the customer
  (decisions D27, D64).

  Background:
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            clients:
              - {client_id: details-client, client_secret: details-secret, scopes: ["user:customers:/customer/details"], customer_id: c-1}
            tags: [{tag: VIP}]
            customers:
              - {customer_id: c-1, email: ada@example.com, phone_number: "+4790000001", password: secret-pw, first_name: Ada}
              - {customer_id: c-2, email: bo@example.com, first_name: Bo}
      """
    And I am authenticated as "login-client"
    And I POST "/customers/login" with body:
      """
      {"email": "ada@example.com", "password": "secret-pw", "audience": "https://api.dintero.com/v1/accounts/{aid}", "type": "customer"}
      """
    And I save the response field "access_token" as "user_token"
    And I send the Authorization header "Bearer {user_token}"

  Scenario: The user reads and updates its own record
    When I PUT "/customers/users/c-1" with body:
      """
      {"last_name": "Lovelace"}
      """
    Then the response status is 200
    And the response field "last_name" is "Lovelace"
    And I GET "/customers/users/c-1"
    Then the response field "last_name" is "Lovelace"

  Scenario Outline: Everything under its own customer, nothing under another's
    When I <method> "/customers/users/<cid><rest>" with body:
      """
      <body>
      """
    Then the response status is <status>

    Examples:
      | method | cid | rest                                                      | body                                 | status |
      | GET    | c-1 | /communication                                            | {}                                   | 200    |
      | GET    | c-2 | /communication                                            | {}                                   | 403    |
      | POST   | c-1 | /communication/send-verification-code/phone_number        | {}                                   | 204    |
      | POST   | c-2 | /communication/send-verification-code/phone_number        | {}                                   | 403    |
      | GET    | c-1 | /tags                                                     | {}                                   | 200    |
      | GET    | c-2 | /tags                                                     | {}                                   | 403    |
      | PUT    | c-1 | /tags                                                     | []                                   | 200    |
      | PUT    | c-2 | /tags                                                     | []                                   | 403    |
      | GET    | c-1 | /tokens                                                   | {}                                   | 200    |
      | POST   | c-1 | /tokens                                                   | {"type": "card", "value": "v-1"}     | 201    |
      | POST   | c-2 | /tokens                                                   | {"type": "card", "value": "v-2"}     | 403    |
      | DELETE | c-2 | /tokens/t-1                                               | {}                                   | 403    |
      | PUT    | c-2 |                                                           | {"first_name": "Eve"}                | 403    |
      | DELETE | c-2 |                                                           | {}                                   | 403    |

  Scenario: The user token deletes its own customer, and then nothing is left to read
    When I DELETE "/customers/users/c-1"
    Then the response status is 200
    When I GET "/customers/users/c-1"
    Then the response status is 404

  Scenario: A user token cannot list, create or change another customer's id
    When I GET "/customers/users"
    Then the response status is 403
    When I POST "/customers/users" with body:
      """
      {"email": "new@example.com"}
      """
    Then the response status is 403
    When I POST "/customers/users/c-1/change_customer_id" with body:
      """
      {"customer_id": "c-9"}
      """
    Then the response status is 403

  Scenario: A /customer/details token only reads its own customer
    Given I am authenticated as "details-client" with secret "details-secret" on account "{aid}"
    When I GET "/customers/users/c-1"
    Then the response status is 200
    And the response field "first_name" is "Ada"
    When I GET "/customers/users/c-2"
    Then the response status is 403
    When I PUT "/customers/users/c-1" with body:
      """
      {"first_name": "Eve"}
      """
    Then the response status is 403
    When I GET "/customers/users/c-1/tags"
    Then the response status is 403
