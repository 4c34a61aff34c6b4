@tokens
Feature: Customer tokens
  A customer token is a type/value pair that identifies a customer, such as
  the SHA-1 of an email address or a card token, with optional metadata.
  POST /customers/users/{customer_id}/tokens adds one and answers 201 with the
  new token; token_id is generated when the body leaves it out. GET lists the
  customer's tokens oldest first (filter `type`, `limit` 1 to 100,
  `starting_after` = the last token_id seen, `total`, `include_deleted`), and
  DELETE /customers/users/{customer_id}/tokens/{token_id} is a soft delete that
  answers 200 with the deleted token.

  A type/value pair belongs to at most one live token of the account, and a
  token_id to at most one live token of a customer: a second one is 400.

  GET /customers/users finds the owner of a token with token_type and
  token_value, which match exactly. DELETE /customers/users/{customer_id}
  with delete_tokens=true deletes the customer's tokens as well. With the
  settings auto_tokens, the account derives tokens from every customer's
  email and phone number: type SHA256 (or HMAC-SHA256 with a secret), value
  the lowercase hex digest of the value (an email is lowercased first).

  Background:
    Given I am authenticated as "admin-client"

  # --- POST /customers/users/{customer_id}/tokens -----------------------------

  @in-process
  Scenario: Add a token to a customer
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    And the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92",
       "metadata": {"exp_month": 10, "exp_year": 20, "mask_pan": "**** **** **** 3477"}}
      """
    Then the response status is 201
    And the response body equals, ignoring "id, token_id":
      """
      {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92",
       "metadata": {"exp_month": 10, "exp_year": 20, "mask_pan": "**** **** **** 3477"},
       "created_at": "2026-01-02T03:04:05.000Z", "created_by": "admin-client",
       "updated_at": "2026-01-02T03:04:05.000Z"}
      """
    And the response field "id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    And the response field "token_id" matches "^\S{1,255}$"
    And I save the response field "token_id" as "tid"
    And I save the response field "id" as "id"
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 200
    And the response body equals:
      """
      [{"id": "{id}", "token_id": "{tid}", "type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92",
        "metadata": {"exp_month": 10, "exp_year": 20, "mask_pan": "**** **** **** 3477"},
        "created_at": "2026-01-02T03:04:05.000Z", "created_by": "admin-client",
        "updated_at": "2026-01-02T03:04:05.000Z"}]
      """

  Scenario: A token keeps the token_id the client gives
    Given the customers:
      | customer_id |
      | c-1         |
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"token_id": "card-3477", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 201
    And the response field "token_id" is "card-3477"
    And the response field "type" is "PAN_HASH"
    And the response field "value" is "4f2a9c"
    And the response has no field "metadata"
    And the response has no field "deleted_at"
    When I GET "/customers/users/c-1/tokens"
    Then the "token_id" of the response items are "card-3477"

  Scenario: The same type/value pair may not belong to a second customer
    Given the customers:
      | customer_id |
      | c-1         |
      | c-2         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/users/c-2/tokens" with body:
      """
      {"token_id": "card-2", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users/c-2/tokens"
    Then the response body is:
      """
      []
      """
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "customer.customer_id" is "c-1"
    And the response field "token.token_id" is "card-1"

  Scenario: The same type/value pair may not be added twice to one customer
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"token_id": "card-1b", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users/c-1/tokens"
    Then the "token_id" of the response items are "card-1"

  Scenario: The same value under another type is another token
    Given the customers:
      | customer_id |
      | c-1         |
      | c-2         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/users/c-2/tokens" with body:
      """
      {"token_id": "mail-2", "type": "SHA256", "value": "4f2a9c"}
      """
    Then the response status is 201
    When I GET "/customers/users?token_value=4f2a9c"
    Then the "customer_id" of the response items are "c-1, c-2"

  Scenario: Once its token is deleted, the pair may be added to another customer
    Given the customers:
      | customer_id |
      | c-1         |
      | c-2         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I DELETE "/customers/users/c-1/tokens/card-1"
    Then the response status is 200
    When I POST "/customers/users/c-2/tokens" with body:
      """
      {"token_id": "card-2", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 201
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "customer.customer_id" is "c-2"
    And the response field "token.token_id" is "card-2"

  Scenario: A token_id may not be used twice on one customer
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"token_id": "card-1", "type": "PAN_HASH", "value": "77aa01"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I GET "/customers/users/c-1/tokens"
    Then the "value" of the response items are "4f2a9c"

  Scenario: Two customers may each have a token with the same token_id
    Given the customers:
      | customer_id |
      | c-1         |
      | c-2         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/users/c-2/tokens" with body:
      """
      {"token_id": "card-1", "type": "PAN_HASH", "value": "77aa01"}
      """
    Then the response status is 201
    When I GET "/customers/users/c-2/tokens"
    Then the "value" of the response items are "77aa01"
    When I GET "/customers/users/c-1/tokens"
    Then the "value" of the response items are "4f2a9c"

  Scenario Outline: token_id must be 1 to 255 characters without leading or trailing spaces (<case>)
    Given the customers:
      | customer_id |
      | c-1         |
    And the text "x" repeated 256 times is saved as "long"
    When I POST "/customers/users/c-1/tokens" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "token_id"
    When I GET "/customers/users/c-1/tokens"
    Then the response body is:
      """
      []
      """

    Examples:
      | case           | body                                                      |
      | leading space  | {"token_id": " card-1", "type": "PAN_HASH", "value": "4f2a9c"} |
      | trailing space | {"token_id": "card-1 ", "type": "PAN_HASH", "value": "4f2a9c"} |
      | empty          | {"token_id": "", "type": "PAN_HASH", "value": "4f2a9c"}        |
      | 256 characters | {"token_id": "{long}", "type": "PAN_HASH", "value": "4f2a9c"}  |

  Scenario Outline: A token needs a non-empty type and value (<case>)
    Given the customers:
      | customer_id |
      | c-1         |
    When I POST "/customers/users/c-1/tokens" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "<field>"
    When I GET "/customers/users/c-1/tokens"
    Then the response body is:
      """
      []
      """

    Examples:
      | case          | body                                | field |
      | empty type    | {"type": "", "value": "4f2a9c"}     | type  |
      | missing type  | {"value": "4f2a9c"}                 | type  |
      | empty value   | {"type": "PAN_HASH", "value": ""}   | value |
      | missing value | {"type": "PAN_HASH"}                | value |

  Scenario: Adding a token to an unknown customer is 404
    When I POST "/customers/users/nobody/tokens" with body:
      """
      {"type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Customer not found"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response has no field "token"

  Scenario Outline: The tokens of an unknown customer are 404 (<method>)
    When I <method> "<path>"
    Then the response status is 404
    And the error message is "Customer not found"

    Examples:
      | method | path                                |
      | GET    | /customers/users/nobody/tokens        |
      | DELETE | /customers/users/nobody/tokens/card-1 |

  Scenario: The tokens of a deleted customer are 404
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I DELETE "/customers/users/c-1"
    Then the response status is 200
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 404
    And the error message is "Customer not found"
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"type": "PAN_HASH", "value": "77aa01"}
      """
    Then the response status is 404
    When I DELETE "/customers/users/c-1/tokens/card-1"
    Then the response status is 404

  Scenario: delete_token_events=true clears the events recorded for the pair
    Given the customers:
      | customer_id |
      | c-1         |
    And the token events:
      | type     | value  | event                | status  |
      | PAN_HASH | 4f2a9c | customer opted out   | OPT_OUT |
    When I POST "/customers/users/c-1/tokens?delete_token_events=true" with body:
      """
      {"token_id": "card-1", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 201
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 200
    And the response field "events" is a list of 0 items
    And the response field "status" is "UNKNOWN"
    And the response field "customer.customer_id" is "c-1"
    And the response field "token.token_id" is "card-1"

  Scenario: Without delete_token_events the earlier events stay with the pair
    Given the customers:
      | customer_id |
      | c-1         |
    And the token events:
      | type     | value  | event                | status  |
      | PAN_HASH | 4f2a9c | customer opted out   | OPT_OUT |
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"token_id": "card-1", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 201
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "events" is a list of 1 item
    And the response field "events.0.event" is "customer opted out"
    And the response field "status" is "OPT_OUT"
    And the response field "customer.customer_id" is "c-1"

  # --- GET /customers/users/{customer_id}/tokens ------------------------------

  Scenario: Tokens are listed oldest first
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type       | value  | metadata           |
      | card-1   | PAN_HASH   | 4f2a9c | {"mask_pan": "3477"} |
      | mail-1   | sha1:email | b5e1d0 |                    |
      | card-2   | PAN_HASH   | 77aa01 |                    |
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 200
    And the response body contains:
      """
      [{"token_id": "card-1", "type": "PAN_HASH", "value": "4f2a9c", "metadata": {"mask_pan": "3477"}},
       {"token_id": "mail-1", "type": "sha1:email", "value": "b5e1d0"},
       {"token_id": "card-2", "type": "PAN_HASH", "value": "77aa01"}]
      """
    And the response has no header "paging_token"
    And the response has no header "total-count"

  Scenario Outline: type filters a customer's tokens by exact type (type=<type>)
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type       | value  |
      | card-1   | PAN_HASH   | 4f2a9c |
      | mail-1   | sha1:email | b5e1d0 |
      | card-2   | PAN_HASH   | 77aa01 |
    When I GET "/customers/users/c-1/tokens?type=<type>"
    Then the response status is 200
    And the "token_id" of the response items are "<token_ids>"

    Examples:
      | type       | token_ids      |
      | PAN_HASH   | card-1, card-2 |
      | sha1:email | mail-1         |
      | pan_hash   |                |
      | PAN        |                |

  Scenario: A customer lists only its own tokens
    Given the customers:
      | customer_id |
      | c-1         |
      | c-2         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    And the customer "c-2" has the tokens:
      | token_id | type     | value  |
      | card-2   | PAN_HASH | 77aa01 |
    When I GET "/customers/users/c-2/tokens"
    Then the "token_id" of the response items are "card-2"

  Scenario: A page holds 10 tokens by default
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type | value |
      | t-01     | T    | v01   |
      | t-02     | T    | v02   |
      | t-03     | T    | v03   |
      | t-04     | T    | v04   |
      | t-05     | T    | v05   |
      | t-06     | T    | v06   |
      | t-07     | T    | v07   |
      | t-08     | T    | v08   |
      | t-09     | T    | v09   |
      | t-10     | T    | v10   |
      | t-11     | T    | v11   |
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 200
    And the "token_id" of the response items are "t-01, t-02, t-03, t-04, t-05, t-06, t-07, t-08, t-09, t-10"
    And the response header "paging_token" is "t-10"

  Scenario: paging_token names the token_id to send as starting_after
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type | value |
      | t-1      | T    | v1    |
      | t-2      | T    | v2    |
      | t-3      | T    | v3    |
      | t-4      | T    | v4    |
      | t-5      | T    | v5    |
    When I GET "/customers/users/c-1/tokens?limit=2"
    Then the response status is 200
    And the "token_id" of the response items are "t-1, t-2"
    And the response header "paging_token" is "t-2"
    When I GET "/customers/users/c-1/tokens?limit=2&starting_after=t-2"
    Then the "token_id" of the response items are "t-3, t-4"
    And the response header "paging_token" is "t-4"
    When I GET "/customers/users/c-1/tokens?limit=2&starting_after=t-4"
    Then the "token_id" of the response items are "t-5"
    And the response has no header "paging_token"

  Scenario: starting_after together with type pages through the matching tokens
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type | value |
      | a-1      | A    | v1    |
      | b-1      | B    | v2    |
      | a-2      | A    | v3    |
      | b-2      | B    | v4    |
      | a-3      | A    | v5    |
    When I GET "/customers/users/c-1/tokens?type=A&limit=1&starting_after=a-1"
    Then the "token_id" of the response items are "a-2"
    And the response header "paging_token" is "a-2"

  Scenario: An unknown token_id as starting_after is 400
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type | value |
      | t-1      | T    | v1    |
    When I GET "/customers/users/c-1/tokens?starting_after=no-such-token"
    Then the response status is 400
    And the error message contains "starting_after"

  Scenario Outline: A token list limit must be an integer from 1 to 100 (limit=<limit>)
    Given the customers:
      | customer_id |
      | c-1         |
    When I GET "/customers/users/c-1/tokens?limit=<limit>"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the query field "limit"

    Examples:
      | limit |
      | 0     |
      | 101   |
      | -1    |
      | ten   |

  Scenario Outline: A token list accepts limit=<limit>
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type | value |
      | t-1      | T    | v1    |
      | t-2      | T    | v2    |
    When I GET "/customers/users/c-1/tokens?limit=<limit>"
    Then the response status is 200
    And the "token_id" of the response items are "<token_ids>"

    Examples:
      | limit | token_ids |
      | 1     | t-1       |
      | 100   | t-1, t-2  |

  Scenario: total=true adds a total-count header counting every matching token
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type | value |
      | a-1      | A    | v1    |
      | b-1      | B    | v2    |
      | a-2      | A    | v3    |
    When I GET "/customers/users/c-1/tokens?limit=1&total=true"
    Then the response status is 200
    And the response is a list of 1 item
    And the response header "total-count" is "3"
    When I GET "/customers/users/c-1/tokens?type=A&total=true"
    Then the response header "total-count" is "2"
    When I DELETE "/customers/users/c-1/tokens/a-2"
    And I GET "/customers/users/c-1/tokens?total=true"
    Then the response header "total-count" is "2"
    When I GET "/customers/users/c-1/tokens?total=true&include_deleted=true"
    Then the response header "total-count" is "3"

  Scenario: A customer without tokens has total-count 0
    Given the customers:
      | customer_id |
      | c-1         |
    When I GET "/customers/users/c-1/tokens?total=true"
    Then the response status is 200
    And the response body is:
      """
      []
      """
    And the response header "total-count" is "0"

  # --- DELETE /customers/users/{customer_id}/tokens/{token_id} ----------------

  @in-process
  Scenario: Delete a token
    Given the customers:
      | customer_id |
      | c-1         |
    And the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And the customer "c-1" has the tokens:
      | token_id | type     | value  | metadata             |
      | card-1   | PAN_HASH | 4f2a9c | {"mask_pan": "3477"} |
    And the sandbox clock advances 60 seconds
    When I DELETE "/customers/users/c-1/tokens/card-1"
    Then the response status is 200
    And the response body equals, ignoring "id":
      """
      {"token_id": "card-1", "type": "PAN_HASH", "value": "4f2a9c", "metadata": {"mask_pan": "3477"},
       "created_at": "2026-01-02T03:04:05.000Z", "created_by": "admin-client",
       "updated_at": "2026-01-02T03:05:05.001Z",
       "deleted_at": "2026-01-02T03:05:05.001Z", "deleted_by": "admin-client"}
      """

  Scenario: A deleted token is listed only with include_deleted=true
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
      | card-2   | PAN_HASH | 77aa01 |
    When I DELETE "/customers/users/c-1/tokens/card-1"
    Then the response status is 200
    When I GET "/customers/users/c-1/tokens"
    Then the "token_id" of the response items are "card-2"
    When I GET "/customers/users/c-1/tokens?include_deleted=true"
    Then the "token_id" of the response items are "card-1, card-2"
    And the response has the field "0.deleted_at"
    And the response has no field "1.deleted_at"

  Scenario: Deleting a token twice is 404 the second time
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I DELETE "/customers/users/c-1/tokens/card-1"
    Then the response status is 200
    When I DELETE "/customers/users/c-1/tokens/card-1"
    Then the response status is 404
    And the error code is "NOT FOUND"
    And the error message is "Token not found"

  Scenario: Deleting an unknown token is 404
    Given the customers:
      | customer_id |
      | c-1         |
    When I DELETE "/customers/users/c-1/tokens/no-such-token"
    Then the response status is 404
    And the error message is "Token not found"

  Scenario: A customer may not delete another customer's token
    Given the customers:
      | customer_id |
      | c-1         |
      | c-2         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I DELETE "/customers/users/c-2/tokens/card-1"
    Then the response status is 404
    When I GET "/customers/users/c-1/tokens"
    Then the "token_id" of the response items are "card-1"

  # --- Finding customers by token ---------------------------------------------

  Scenario Outline: The users list finds a token's owner by exact type and value (<query>)
    Given the customers:
      | customer_id |
      | c-1         |
      | c-2         |
      | c-3         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value    |
      | card-1   | PAN_HASH | 4f2a9c   |
    And the customer "c-2" has the tokens:
      | token_id | type     | value    |
      | card-2   | PAN_HASH | 4f2a9c77 |
      | mail-2   | SHA256   | b5e1d0   |
    When I GET "/customers/users?<query>"
    Then the response status is 200
    And the "customer_id" of the response items are "<customer_ids>"

    Examples:
      | query                                 | customer_ids |
      | token_value=4f2a9c                    | c-1          |
      | token_value=4f2a9c77                  | c-2          |
      | token_value=4f2a                      |              |
      | token_type=PAN_HASH                   | c-1, c-2     |
      | token_type=PAN                        |              |
      | token_type=SHA256&token_value=b5e1d0  | c-2          |
      | token_type=SHA256&token_value=4f2a9c  |              |

  Scenario: A deleted token no longer finds its owner in the users list
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I GET "/customers/users?token_value=4f2a9c"
    Then the "customer_id" of the response items are "c-1"
    When I DELETE "/customers/users/c-1/tokens/card-1"
    And I GET "/customers/users?token_value=4f2a9c"
    Then the response status is 200
    And the response body is:
      """
      []
      """
    When I GET "/customers/users?token_type=PAN_HASH"
    Then the response body is:
      """
      []
      """

  # --- DELETE /customers/users/{customer_id} and its tokens -------------------

  Scenario: delete_tokens=true deletes the customer's tokens with the customer
    Given the customers:
      | customer_id | status |
      | c-1         | ACTIVE |
      | c-2         |        |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I DELETE "/customers/users/c-1?delete_tokens=true"
    Then the response status is 200
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 200
    And the response has no field "customer"
    And the response has no field "token"
    And the response field "status" is "UNKNOWN"
    # The pair is free again: its token is deleted.
    When I POST "/customers/users/c-2/tokens" with body:
      """
      {"token_id": "card-2", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 201

  Scenario: A deleted customer is not resolved from its token
    Given the customers:
      | customer_id | status |
      | c-1         | ACTIVE |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response field "customer.customer_id" is "c-1"
    And the response field "status" is "ACTIVE"
    When I DELETE "/customers/users/c-1"
    Then the response status is 200
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "PAN_HASH", "value": "4f2a9c"}}
      """
    Then the response status is 200
    And the response has no field "customer"
    And the response field "status" is "UNKNOWN"
    When I GET "/customers/users?token_value=4f2a9c"
    Then the response body is:
      """
      []
      """

  # --- Auto tokens (settings auto_tokens) -------------------------------------

  Scenario: auto_tokens.email SHA256 derives a token from the lowercased email
    # printf %s customer@example.com | sha256sum
    Given the account settings are:
      """
      {"auto_tokens": {"email": [{"type": "SHA256"}]}}
      """
    And the customers:
      | customer_id | email                |
      | c-1         | Customer@Example.com |
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 200
    And the response is a list of 1 item
    And the response field "0.type" is "SHA256"
    And the response field "0.value" is "e233d4a29013e9d87150c6237c6777bedf379ebf1acdc5d6126fec7e8bb74fb5"
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "SHA256", "value": "e233d4a29013e9d87150c6237c6777bedf379ebf1acdc5d6126fec7e8bb74fb5"}}
      """
    Then the response field "customer.customer_id" is "c-1"
    And the response field "token.type" is "SHA256"
    When I GET "/customers/users?token_type=SHA256&token_value=e233d4a29013e9d87150c6237c6777bedf379ebf1acdc5d6126fec7e8bb74fb5"
    Then the "customer_id" of the response items are "c-1"

  Scenario: Changing the email replaces its auto token
    # printf %s other@example.com | sha256sum
    Given the account settings are:
      """
      {"auto_tokens": {"email": [{"type": "SHA256"}]}}
      """
    And the customers:
      | customer_id | email                |
      | c-1         | Customer@Example.com |
    When I PUT "/customers/users/c-1" with body:
      """
      {"email": "other@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/c-1/tokens"
    Then the response is a list of 1 item
    And the response field "0.type" is "SHA256"
    And the response field "0.value" is "5b71ed5f946240dc76f3b7c24bdcbbc3528284ec5f4519249fb702686f0df5b8"
    When I GET "/customers/users/c-1/tokens?include_deleted=true"
    Then the "value" of the response items are "e233d4a29013e9d87150c6237c6777bedf379ebf1acdc5d6126fec7e8bb74fb5, 5b71ed5f946240dc76f3b7c24bdcbbc3528284ec5f4519249fb702686f0df5b8"
    And the response has the field "0.deleted_at"
    When I GET "/customers/users?token_value=e233d4a29013e9d87150c6237c6777bedf379ebf1acdc5d6126fec7e8bb74fb5"
    Then the response body is:
      """
      []
      """

  Scenario: auto_tokens.email HMAC-SHA256 derives a keyed digest with the secret
    # printf %s customer@example.com | openssl dgst -sha256 -hmac s3cret
    Given the account settings are:
      """
      {"auto_tokens": {"email": [{"type": "HMAC-SHA256", "secret": "s3cret"}]}}
      """
    And the customers:
      | customer_id | email                |
      | c-1         | Customer@Example.com |
    When I GET "/customers/users/c-1/tokens"
    Then the response is a list of 1 item
    And the response field "0.type" is "HMAC-SHA256"
    And the response field "0.value" is "40bfcb50a6a8261525c6578d3107d662361941d0ce439579c2abdcbcf0fe6a69"

  Scenario: auto_tokens.phone_number SHA256 derives a token from the phone number
    # printf %s +4799999999 | sha256sum
    Given the account settings are:
      """
      {"auto_tokens": {"phone_number": [{"type": "SHA256"}]}}
      """
    And the customers:
      | customer_id | email                | phone_number |
      | c-1         | customer@example.com | +4799999999  |
    When I GET "/customers/users/c-1/tokens"
    Then the response is a list of 1 item
    And the response field "0.type" is "SHA256"
    And the response field "0.value" is "4ebff44d8a104f353d2e3c535c14b00440b09b9901a5bc891b1d22e459173487"

  Scenario: Without auto_tokens settings a customer gets no tokens of its own
    Given the customers:
      | customer_id | email                | phone_number |
      | c-1         | customer@example.com | +4799999999  |
    When I GET "/customers/users/c-1/tokens?total=true"
    Then the response status is 200
    And the response body is:
      """
      []
      """
    And the response header "total-count" is "0"

  # --- Scopes -------------------------------------------------------------------

  Scenario: A read-only client may list tokens but not add or delete them
    Given the customers:
      | customer_id |
      | c-1         |
    And the customer "c-1" has the tokens:
      | token_id | type     | value  |
      | card-1   | PAN_HASH | 4f2a9c |
    And I am authenticated as "read-client"
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 200
    And the "token_id" of the response items are "card-1"
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"token_id": "card-2", "type": "PAN_HASH", "value": "77aa01"}
      """
    Then the response status is 403
    And the error code is "FORBIDDEN"
    And the error message is "Forbidden: the token lacks a scope this operation needs"
    When I DELETE "/customers/users/c-1/tokens/card-1"
    Then the response status is 403
    When I GET "/customers/users/c-1/tokens"
    Then the "token_id" of the response items are "card-1"

  Scenario: A write client may add and delete tokens
    Given the customers:
      | customer_id |
      | c-1         |
    And I am authenticated as "write-client"
    When I POST "/customers/users/c-1/tokens" with body:
      """
      {"token_id": "card-1", "type": "PAN_HASH", "value": "4f2a9c"}
      """
    Then the response status is 201
    And the response field "created_by" is "write-client"
    When I DELETE "/customers/users/c-1/tokens/card-1"
    Then the response status is 200
    And the response field "deleted_by" is "write-client"

  Scenario: A client without a customers scope may not list tokens
    Given the customers:
      | customer_id |
      | c-1         |
    And I am authenticated as "public-client"
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 403
