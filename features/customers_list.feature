@customers-list
Feature: Listing and searching customers
  GET /v1/accounts/{aid}/customers/users returns the account's customers as a
  bare JSON array, oldest first. Every query parameter narrows the list and
  all of them combine with AND. email, phone_number and search match by
  prefix, ignoring case; token_type and token_value match exactly. Contact
  users are left out unless type=contact or type=any asks for them. Deleted
  customers appear only with include_deleted=true.

  A page holds `limit` customers (10 by default, 1 to 100). When more follow,
  the paging_token response header carries the customer_id to send as
  starting_after for the next page. total=true adds a total-count header.

  Background:
    Given I am authenticated as "admin-client"

  # --- Order and page size ---------------------------------------------------

  Scenario: Customers are listed oldest first
    Given the customers:
      | customer_id | first_name | email            |
      | ant         | Anne       | anne@example.com |
      | bee         | Bea        | bea@example.com  |
      | cat         | Cato       | cato@example.com |
    When I GET "/customers/users"
    Then the response status is 200
    And the response body contains:
      """
      [
        {"customer_id": "ant", "type": "customer", "first_name": "Anne", "email": "anne@example.com"},
        {"customer_id": "bee", "type": "customer", "first_name": "Bea", "email": "bea@example.com"},
        {"customer_id": "cat", "type": "customer", "first_name": "Cato", "email": "cato@example.com"}
      ]
      """
    And the response has the field "0.id"
    And the response has the field "0.created_at"
    And the response has no header "paging_token"

  Scenario: An account without customers lists an empty array
    When I GET "/customers/users"
    Then the response status is 200
    And the response body is:
      """
      []
      """
    And the response has no header "paging_token"

  Scenario: A page holds 10 customers by default
    Given 12 customers numbered from "c-01"
    When I GET "/customers/users"
    Then the response status is 200
    And the response is a list of 10 items
    And the "customer_id" of the response items are "c-01, c-02, c-03, c-04, c-05, c-06, c-07, c-08, c-09, c-10"
    And the response header "paging_token" is "c-10"

  Scenario: limit=1 returns one customer and a cursor
    Given 3 customers numbered from "c-1"
    When I GET "/customers/users?limit=1"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1"
    And the response header "paging_token" is "c-1"

  Scenario: limit=100 is the largest page
    Given 101 customers numbered from "c-001"
    When I GET "/customers/users?limit=100"
    Then the response status is 200
    And the response is a list of 100 items
    And the response field "0.customer_id" is "c-001"
    And the response field "99.customer_id" is "c-100"
    And the response header "paging_token" is "c-100"

  Scenario Outline: A limit outside 1 to 100 is refused (limit=<limit>)
    Given 2 customers numbered from "c-1"
    When I GET "/customers/users?limit=<limit>"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the query field "limit"
    And the error lists 1 violation

    Examples:
      | limit |
      | 0     |
      | 101   |
      | -1    |
      | abc   |
      | 2.5   |

  Scenario Outline: A malformed query value is refused (<query>)
    When I GET "/customers/users?<query>"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the query field "<field>"
    And the error lists 1 violation

    Examples:
      | query                     | field           |
      | include_deleted=maybe     | include_deleted |
      | include_deleted=1         | include_deleted |
      | total=yes                 | total           |
      | type=robot                | type            |
      | type=CUSTOMER             | type            |
      | since_datetime=yesterday  | since_datetime  |
      | since_datetime=2026-03-01 | since_datetime  |
      | tag_id=not-a-uuid         | tag_id          |

  Scenario: Every bad query parameter is listed at once
    When I GET "/customers/users?limit=0&include_deleted=maybe&since_datetime=yesterday&type=robot"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists 4 violations
    And the error lists the query field "limit"
    And the error lists the query field "include_deleted"
    And the error lists the query field "since_datetime"
    And the error lists the query field "type"

  # --- Paging ---------------------------------------------------------------

  Scenario: starting_after continues after the named customer
    Given 5 customers numbered from "c-1"
    When I GET "/customers/users?starting_after=c-2&limit=2"
    Then the response status is 200
    And the "customer_id" of the response items are "c-3, c-4"
    And the response header "paging_token" is "c-4"

  Scenario: Following paging_token visits every customer exactly once
    Given 7 customers numbered from "c-1"
    When I GET "/customers/users?limit=3"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1, c-2, c-3"
    And I save the response header "paging_token" as "next"
    When I GET "/customers/users?limit=3&starting_after={next}"
    Then the response status is 200
    And the "customer_id" of the response items are "c-4, c-5, c-6"
    And I save the response header "paging_token" as "next"
    When I GET "/customers/users?limit=3&starting_after={next}"
    Then the response status is 200
    And the "customer_id" of the response items are "c-7"
    And the response has no header "paging_token"

  Scenario: A page that ends exactly at the last customer has no paging_token
    Given 5 customers numbered from "c-1"
    When I GET "/customers/users?limit=5"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1, c-2, c-3, c-4, c-5"
    And the response has no header "paging_token"

  Scenario: One customer more than the limit gives a paging_token
    Given 6 customers numbered from "c-1"
    When I GET "/customers/users?limit=5"
    Then the response status is 200
    And the response is a list of 5 items
    And the response header "paging_token" is "c-5"
    When I GET "/customers/users?limit=5&starting_after=c-5"
    Then the response status is 200
    And the "customer_id" of the response items are "c-6"
    And the response has no header "paging_token"

  Scenario: starting_after the last customer gives an empty page
    Given 3 customers numbered from "c-1"
    When I GET "/customers/users?starting_after=c-3"
    Then the response status is 200
    And the response is a list of 0 items
    And the response has no header "paging_token"

  Scenario: An unknown starting_after is refused
    Given 3 customers numbered from "c-1"
    When I GET "/customers/users?starting_after=no-such-customer"
    Then the response status is 400
    And the error message contains "starting_after"

  Scenario: Paging through a filtered list
    Given the customers:
      | customer_id | email                  |
      | m-1         | team.one@example.com   |
      | m-2         | solo.two@example.com   |
      | m-3         | team.three@example.com |
      | m-4         | team.four@example.com  |
      | m-5         | solo.five@example.com  |
      | m-6         | team.six@example.com   |
    When I GET "/customers/users?email=team&limit=2"
    Then the response status is 200
    And the "customer_id" of the response items are "m-1, m-3"
    And I save the response header "paging_token" as "next"
    When I GET "/customers/users?email=team&limit=2&starting_after={next}"
    Then the response status is 200
    And the "customer_id" of the response items are "m-4, m-6"
    And the response has no header "paging_token"

  # --- Totals -----------------------------------------------------------------

  Scenario: total=true counts every match, not just the page
    Given 5 customers numbered from "c-1"
    When I GET "/customers/users?limit=2&total=true"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1, c-2"
    And the response header "total-count" is "5"
    And the response header "paging_token" is "c-2"
    When I GET "/customers/users?limit=2&total=true&starting_after=c-4"
    Then the response status is 200
    And the "customer_id" of the response items are "c-5"
    And the response header "total-count" is "5"

  Scenario: total-count counts the matches of the filters
    Given the customers:
      | customer_id | email                  |
      | m-1         | team.one@example.com   |
      | m-2         | solo.two@example.com   |
      | m-3         | team.three@example.com |
    When I GET "/customers/users?email=team&total=true&limit=1"
    Then the response status is 200
    And the "customer_id" of the response items are "m-1"
    And the response header "total-count" is "2"

  Scenario: total-count is 0 when nothing matches
    Given 2 customers numbered from "c-1"
    When I GET "/customers/users?email=nobody&total=true"
    Then the response status is 200
    And the response is a list of 0 items
    And the response header "total-count" is "0"

  Scenario: Without total=true there is no total-count header
    Given 2 customers numbered from "c-1"
    When I GET "/customers/users"
    Then the response status is 200
    And the response has no header "total-count"
    When I GET "/customers/users?total=false"
    Then the response status is 200
    And the response is a list of 2 items
    And the response has no header "total-count"

  # --- email and phone_number -----------------------------------------------

  Scenario: email matches by prefix, ignoring case
    Given the customers:
      | customer_id | email                  |
      | john        | john@example.com       |
      | johanna     | johanna@example.com    |
      | jsmith      | John.Smith@Example.com |
      | ann         | ann.john@example.com   |
    When I GET "/customers/users?email=JOHN"
    Then the response status is 200
    And the "customer_id" of the response items are "john, jsmith"
    When I GET "/customers/users?email=john.smith@example.COM"
    Then the response status is 200
    And the "customer_id" of the response items are "jsmith"

  Scenario: A + in email is sent as %2B
    Given the customers:
      | customer_id | email                 |
      | tagged      | john+news@example.com |
      | plain       | john@example.com      |
    When I GET "/customers/users?email=john%2Bnews"
    Then the response status is 200
    And the "customer_id" of the response items are "tagged"
    When I GET "/customers/users?email=john+news"
    Then the response status is 200
    And the response is a list of 0 items

  Scenario: email does not match in the middle of an address
    Given the customers:
      | customer_id | email            |
      | john        | john@example.com |
    When I GET "/customers/users?email=example.com"
    Then the response status is 200
    And the response is a list of 0 items

  Scenario: phone_number matches by prefix when + is sent as %2B
    Given the customers:
      | customer_id | phone_number |
      | no-99       | +4799999999  |
      | no-91       | +4791234567  |
      | se-99       | +4699123456  |
    When I GET "/customers/users?phone_number=%2B4799"
    Then the response status is 200
    And the "customer_id" of the response items are "no-99"
    When I GET "/customers/users?phone_number=%2B47"
    Then the response status is 200
    And the "customer_id" of the response items are "no-99, no-91"

  Scenario: A raw + in phone_number decodes to a space and matches nothing
    Given the customers:
      | customer_id | phone_number |
      | no-99       | +4799999999  |
    When I GET "/customers/users?phone_number=+4799"
    Then the response status is 200
    And the response is a list of 0 items

  # --- search -------------------------------------------------------------------

  Scenario Outline: search matches by prefix on name, email, phone number and customer_id (search=<search>)
    Given the customers:
      | customer_id | first_name | last_name | email                     | phone_number |
      | kn-1        | Kari       | Nordmann  | kari.nordmann@example.com | +4791234567  |
      | ola-7       | Ola        | Hansen    | ola@tkptech.example.com   | +4792345678  |
      | zz-3        | Per        | Olsen     | post@olsen.example.com    | +4693456789  |
    When I GET "/customers/users?search=<search>"
    Then the response status is 200
    And the "customer_id" of the response items are "<customer_ids>"

    Examples:
      | search      | customer_ids |
      | kari        | kn-1         |
      | KARI        | kn-1         |
      | nord        | kn-1         |
      | kari%20nord | kn-1         |
      | Per%20Olsen | zz-3         |
      | ols         | zz-3         |
      | post@       | zz-3         |
      | ola@tkp     | ola-7        |
      | %2B4693     | zz-3         |
      | %2B479      | kn-1, ola-7  |
      | ZZ-         | zz-3         |
      | kn-1        | kn-1         |
      | o           | ola-7, zz-3  |

  Scenario Outline: search does not match inside a word (search=<search>)
    Given the customers:
      | customer_id | first_name | last_name | email                     | phone_number |
      | kn-1        | Kari       | Nordmann  | kari.nordmann@example.com | +4791234567  |
    When I GET "/customers/users?search=<search>"
    Then the response status is 200
    And the response is a list of 0 items

    Examples:
      | search          |
      | ordmann         |
      | ari             |
      | example.com     |
      | 91234567        |
      | nordmann%20kari |
      | n-1             |

  # --- type and contacts --------------------------------------------------------

  Scenario: Contact users are left out by default
    Given the customers:
      | customer_id | type     | first_name | company                         | contact_for               |
      | acme        | company  | Acme       | {"bussiness_name": "Acme AS"}   |                           |
      | globex      | company  | Globex     | {"bussiness_name": "Globex AS"} |                           |
      | per         | contact  | Per        |                                 | [{"customer_id": "acme"}] |
      | lise        | contact  | Lise       |                                 | [{"customer_id": "acme"}] |
      | solo        | customer | Solo       |                                 |                           |
    When I GET "/customers/users"
    Then the response status is 200
    And the "customer_id" of the response items are "acme, globex, solo"

  Scenario: type=contact lists the contacts and the customers they are contact for
    Given the customers:
      | customer_id | type     | first_name | company                         | contact_for               |
      | acme        | company  | Acme       | {"bussiness_name": "Acme AS"}   |                           |
      | globex      | company  | Globex     | {"bussiness_name": "Globex AS"} |                           |
      | per         | contact  | Per        |                                 | [{"customer_id": "acme"}] |
      | lise        | contact  | Lise       |                                 | [{"customer_id": "acme"}] |
      | solo        | customer | Solo       |                                 |                           |
    When I GET "/customers/users?type=contact"
    Then the response status is 200
    And the "customer_id" of the response items are "acme, per, lise"
    And the "type" of the response items are "company, contact, contact"

  Scenario: A contact found by search pulls in its linked customer
    Given the customers:
      | customer_id | type    | first_name | company                         | contact_for                 |
      | acme        | company | Acme       | {"bussiness_name": "Acme AS"}   |                             |
      | globex      | company | Globex     | {"bussiness_name": "Globex AS"} |                             |
      | per         | contact | Per        |                                 | [{"customer_id": "globex"}] |
      | lise        | contact | Lise       |                                 | [{"customer_id": "acme"}]   |
    When I GET "/customers/users?type=contact&search=per"
    Then the response status is 200
    And the "customer_id" of the response items are "globex, per"

  Scenario: A deleted customer is not pulled in by its contact
    Given the customers:
      | customer_id | type    | first_name | company                       | contact_for               |
      | acme        | company | Acme       | {"bussiness_name": "Acme AS"} |                           |
      | per         | contact | Per        |                               | [{"customer_id": "acme"}] |
    When I DELETE "/customers/users/acme"
    Then the response status is 200
    When I GET "/customers/users?type=contact"
    Then the response status is 200
    And the "customer_id" of the response items are "per"

  Scenario: Paging through contacts and their linked customers
    Given the customers:
      | customer_id | type    | first_name | company                         | contact_for               |
      | acme        | company | Acme       | {"bussiness_name": "Acme AS"}   |                           |
      | globex      | company | Globex     | {"bussiness_name": "Globex AS"} |                           |
      | per         | contact | Per        |                                 | [{"customer_id": "acme"}] |
      | lise        | contact | Lise       |                                 | [{"customer_id": "acme"}] |
    When I GET "/customers/users?type=contact&limit=2&total=true"
    Then the response status is 200
    And the "customer_id" of the response items are "acme, per"
    And the response header "paging_token" is "per"
    And the response header "total-count" is "3"
    When I GET "/customers/users?type=contact&limit=2&starting_after=per"
    Then the response status is 200
    And the "customer_id" of the response items are "lise"
    And the response has no header "paging_token"

  Scenario: type=any lists users of every type
    Given the customers:
      | customer_id | type     | first_name | company                       | contact_for               |
      | acme        | company  | Acme       | {"bussiness_name": "Acme AS"} |                           |
      | per         | contact  | Per        |                               | [{"customer_id": "acme"}] |
      | emma        | employee | Emma       |                               |                           |
      | oscar       | other    | Oscar      |                               |                           |
      | solo        | customer | Solo       |                               |                           |
    When I GET "/customers/users?type=any"
    Then the response status is 200
    And the "customer_id" of the response items are "acme, per, emma, oscar, solo"

  Scenario Outline: type=<type> lists only users of that type
    Given the customers:
      | customer_id | type     | first_name | company                         | contact_for               |
      | acme        | company  | Acme       | {"bussiness_name": "Acme AS"}   |                           |
      | per         | contact  | Per        |                                 | [{"customer_id": "acme"}] |
      | emma        | employee | Emma       |                                 |                           |
      | globex      | company  | Globex     | {"bussiness_name": "Globex AS"} |                           |
      | oscar       | other    | Oscar      |                                 |                           |
      | solo        | customer | Solo       |                                 |                           |
    When I GET "/customers/users?type=<type>"
    Then the response status is 200
    And the "customer_id" of the response items are "<customer_ids>"

    Examples:
      | type     | customer_ids |
      | company  | acme, globex |
      | customer | solo         |
      | employee | emma         |
      | other    | oscar        |

  # --- Tokens ------------------------------------------------------------------

  Scenario Outline: token_value and token_type match a customer's token exactly (<query>)
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: t-1
                tokens:
                  - {token_id: card-1, type: PAN_HASH, value: 4f2a9c}
                  - {token_id: mail-1, type: SHA256, value: b5e1d0}
              - customer_id: t-2
                tokens:
                  - {token_id: card-2, type: PAN_HASH, value: 4f2a9c77}
              - customer_id: t-3
                tokens:
                  - {token_id: mail-3, type: SHA256, value: 77aa01}
              - customer_id: t-4
      """
    When I GET "/customers/users?<query>"
    Then the response status is 200
    And the "customer_id" of the response items are "<customer_ids>"

    Examples:
      | query                                | customer_ids |
      | token_value=4f2a9c                   | t-1          |
      | token_value=4f2a9c77                 | t-2          |
      | token_value=4f2a                     |              |
      | token_value=4F2A9C                   |              |
      | token_type=SHA256                    | t-1, t-3     |
      | token_type=PAN_HASH                  | t-1, t-2     |
      | token_type=sha256                    |              |
      | token_type=SHA256&token_value=77aa01 | t-3          |
      | token_type=SHA256&token_value=4f2a9c |              |
      | token_type=UNKNOWN                   |              |

  Scenario: A deleted token no longer finds its customer
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - customer_id: t-1
                tokens:
                  - {token_id: old-card, type: PAN_HASH, value: dead01, deleted_at: "2026-01-01T00:00:00Z"}
              - customer_id: t-2
                tokens:
                  - {token_id: card-2, type: PAN_HASH, value: beef02}
      """
    When I GET "/customers/users?token_value=dead01"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/customers/users?token_type=PAN_HASH"
    Then the response status is 200
    And the "customer_id" of the response items are "t-2"

  # --- Attributes ----------------------------------------------------------------

  Scenario Outline: attributes_keys and attributes_values (<query>)
    Given the customers:
      | customer_id | attributes                                 |
      | gold-3      | {"loyalty_level": "gold", "tier": 3}       |
      | silver      | {"loyalty_level": "silver"}                |
      | tier-1      | {"tier": 1}                                |
      | plain       |                                            |
      | vip         | {"segments": ["vip", "nordic"], "tier": 3} |
    When I GET "/customers/users?<query>"
    Then the response status is 200
    And the "customer_id" of the response items are "<customer_ids>"

    Examples:
      | query                                                                  | customer_ids        |
      | attributes_keys=loyalty_level                                          | gold-3, silver      |
      | attributes_keys=tier                                                   | gold-3, tier-1, vip |
      | attributes_keys=loyalty_level&attributes_keys=tier                     | gold-3              |
      | attributes_keys=missing                                                |                     |
      | attributes_keys=loyalty_level&attributes_values=gold                   | gold-3              |
      | attributes_keys=loyalty_level&attributes_values=GOLD                   |                     |
      | attributes_keys=tier&attributes_values=3                               | gold-3, vip         |
      | attributes_keys=tier&attributes_keys=loyalty_level&attributes_values=3 | gold-3              |
      | attributes_keys=segments&attributes_values=nordic                      | vip                 |
      | attributes_keys=segments&attributes_values=vip                         | vip                 |
      | attributes_keys=segments&attributes_values=asia                        |                     |

  Scenario: Up to 4 attribute keys are accepted
    Given the customers:
      | customer_id | attributes                               |
      | full        | {"a": "1", "b": "2", "c": "3", "d": "4"} |
      | partial     | {"a": "1", "b": "2", "c": "3"}           |
    When I GET "/customers/users?attributes_keys=a&attributes_keys=b&attributes_keys=c&attributes_keys=d"
    Then the response status is 200
    And the "customer_id" of the response items are "full"

  Scenario: More than 4 attribute keys are refused
    When I GET "/customers/users?attributes_keys=a&attributes_keys=b&attributes_keys=c&attributes_keys=d&attributes_keys=e"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the query field "attributes_keys"

  Scenario: More than 4 attribute values are refused
    When I GET "/customers/users?attributes_keys=a&attributes_values=1&attributes_values=2&attributes_values=3&attributes_values=4&attributes_values=5"
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the query field "attributes_values"

  Scenario: attributes_values without attributes_keys is refused
    When I GET "/customers/users?attributes_values=gold"
    Then the response status is 400
    And the error message contains "attributes_values"

  Scenario: More attributes_values than attributes_keys is refused
    When I GET "/customers/users?attributes_keys=loyalty_level&attributes_values=gold&attributes_values=silver"
    Then the response status is 400
    And the error message contains "attributes_values"

  # --- Deleted customers -----------------------------------------------------------

  Scenario: A deleted customer is left out of the list
    Given the customers:
      | customer_id | email             |
      | c-1         | one@example.com   |
      | c-2         | two@example.com   |
      | c-3         | three@example.com |
    When I DELETE "/customers/users/c-2"
    Then the response status is 200
    When I GET "/customers/users?total=true"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1, c-3"
    And the response header "total-count" is "2"

  Scenario: include_deleted=true lists a deleted customer with its remaining fields only
    Given the customers:
      | customer_id | first_name | email             | phone_number |
      | c-1         | One        | one@example.com   | +4790000001  |
      | c-2         | Two        | two@example.com   | +4790000002  |
      | c-3         | Three      | three@example.com | +4790000003  |
    When I DELETE "/customers/users/c-2"
    Then the response status is 200
    When I GET "/customers/users?include_deleted=true&total=true"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1, c-2, c-3"
    And the response header "total-count" is "3"
    And the response has the field "1.id"
    And the response has the field "1.created_at"
    And the response has the field "1.deleted_at"
    And the response has no field "1.email"
    And the response has no field "1.phone_number"
    And the response has no field "1.first_name"
    And the response has no field "0.deleted_at"
    And the response field "0.email" is "one@example.com"

  Scenario: include_deleted=false is the default
    Given 3 customers numbered from "c-1"
    When I DELETE "/customers/users/c-1"
    Then the response status is 200
    When I GET "/customers/users?include_deleted=false"
    Then the response status is 200
    And the "customer_id" of the response items are "c-2, c-3"

  Scenario: A deleted customer loaded from a fixture is listed with include_deleted=true
    Given the fixture:
      """
      dintero:
        accounts:
          {aid}:
            customers:
              - {customer_id: live, email: live@example.com, created_at: "2026-01-01T00:00:00Z"}
              - {customer_id: gone, created_at: "2026-01-02T00:00:00Z", deleted_at: "2026-02-01T00:00:00Z"}
      """
    When I GET "/customers/users"
    Then the response status is 200
    And the "customer_id" of the response items are "live"
    When I GET "/customers/users?include_deleted=true"
    Then the response status is 200
    And the "customer_id" of the response items are "live, gone"
    And the response field "1.deleted_at" is "2026-02-01T00:00:00.000Z"

  # --- since_datetime ----------------------------------------------------------------

  @in-process
  Scenario: since_datetime lists customers changed at or after a time, by updated_at
    Given the sandbox clock is frozen at "2026-03-01T10:00:00Z"
    And the customers:
      | customer_id | first_name |
      | alpha       | Alpha      |
      | beta        | Beta       |
      | gamma       | Gamma      |
    And the sandbox clock is frozen at "2026-03-01T11:00:00Z"
    When I PUT "/customers/users/gamma" with body:
      """
      {"last_name": "Updated"}
      """
    Then the response status is 200
    Given the sandbox clock is frozen at "2026-03-01T12:00:00Z"
    When I PUT "/customers/users/alpha" with body:
      """
      {"last_name": "Updated"}
      """
    Then the response status is 200
    When I GET "/customers/users?since_datetime=2026-03-01T10:30:00Z"
    Then the response status is 200
    And the "customer_id" of the response items are "gamma, alpha"
    When I GET "/customers/users?since_datetime=2026-03-01T11:00:00Z"
    Then the response status is 200
    And the "customer_id" of the response items are "gamma, alpha"
    When I GET "/customers/users?since_datetime=2026-03-01T11:00:00.001Z"
    Then the response status is 200
    And the "customer_id" of the response items are "alpha"
    When I GET "/customers/users?since_datetime=2026-03-01T12:00:00.001Z"
    Then the response status is 200
    And the response is a list of 0 items

  @in-process
  Scenario: Paging with since_datetime continues from the latest updated_at seen
    Given the sandbox clock is frozen at "2026-03-01T10:00:00Z"
    And the customers:
      | customer_id |
      | c-1         |
    And the sandbox clock advances 60 seconds
    And the customers:
      | customer_id |
      | c-2         |
    And the sandbox clock advances 60 seconds
    And the customers:
      | customer_id |
      | c-3         |
    When I GET "/customers/users?since_datetime=2026-03-01T00:00:00Z&limit=2"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1, c-2"
    And I save the response field "1.updated_at" as "latest"
    When I GET "/customers/users?since_datetime={latest}&limit=2"
    Then the response status is 200
    And the "customer_id" of the response items are "c-2, c-3"

  @in-process
  Scenario: since_datetime includes newly created customers
    Given the sandbox clock is frozen at "2026-03-01T10:00:00Z"
    And the customers:
      | customer_id |
      | early       |
    And the sandbox clock advances 3600 seconds
    And the customers:
      | customer_id |
      | late        |
    When I GET "/customers/users?since_datetime=2026-03-01T10:30:00Z"
    Then the response status is 200
    And the "customer_id" of the response items are "late"
    When I GET "/customers/users?since_datetime=2026-03-01T09:00:00Z"
    Then the response status is 200
    And the "customer_id" of the response items are "early, late"

  @in-process
  Scenario: since_datetime accepts a time-zone offset
    Given the sandbox clock is frozen at "2026-03-01T10:00:00Z"
    And the customers:
      | customer_id |
      | early       |
    And the sandbox clock advances 3600 seconds
    And the customers:
      | customer_id |
      | late        |
    When I GET "/customers/users?since_datetime=2026-03-01T11:30:00%2B01:00"
    Then the response status is 200
    And the "customer_id" of the response items are "late"

  @in-process
  Scenario: since_datetime sees a deletion when deleted customers are included
    Given the sandbox clock is frozen at "2026-03-01T10:00:00Z"
    And the customers:
      | customer_id |
      | keep        |
      | drop        |
    And the sandbox clock is frozen at "2026-03-02T10:00:00Z"
    When I DELETE "/customers/users/drop"
    Then the response status is 200
    When I GET "/customers/users?since_datetime=2026-03-02T00:00:00Z"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/customers/users?since_datetime=2026-03-02T00:00:00Z&include_deleted=true"
    Then the response status is 200
    And the "customer_id" of the response items are "drop"
    And the response has the field "0.deleted_at"

  Scenario: since_datetime cannot be combined with starting_after
    Given 3 customers numbered from "c-1"
    When I GET "/customers/users?since_datetime=2020-01-01T00:00:00Z&starting_after=c-1"
    Then the response status is 400
    And the error message contains "starting_after"

  # --- Filters combine with AND -------------------------------------------------------

  Scenario: email and type combine
    Given the customers:
      | customer_id | type     | email              | company                       |
      | acme        | company  | info@acme.example  | {"bussiness_name": "Acme AS"} |
      | buyer       | customer | info@acme.example  |                               |
      | other       | customer | sales@acme.example |                               |
    When I GET "/customers/users?email=info"
    Then the response status is 200
    And the "customer_id" of the response items are "acme, buyer"
    When I GET "/customers/users?email=info&type=company"
    Then the response status is 200
    And the "customer_id" of the response items are "acme"

  Scenario: email and phone_number combine
    Given the customers:
      | customer_id | email            | phone_number |
      | a           | ann@example.com  | +4791111111  |
      | b           | ann2@example.com | +4692222222  |
      | c           | bob@example.com  | +4793333333  |
    When I GET "/customers/users?email=ann&phone_number=%2B47"
    Then the response status is 200
    And the "customer_id" of the response items are "a"

  Scenario: search and include_deleted combine
    Given the customers:
      | customer_id | email               |
      | old-1       | old.one@example.com |
      | old-2       | old.two@example.com |
      | new-1       | new.one@example.com |
    When I DELETE "/customers/users/old-1"
    Then the response status is 200
    When I GET "/customers/users?search=old"
    Then the response status is 200
    And the "customer_id" of the response items are "old-2"
    When I GET "/customers/users?search=old&include_deleted=true"
    Then the response status is 200
    And the "customer_id" of the response items are "old-1, old-2"
    When I GET "/customers/users?search=old.one&include_deleted=true"
    Then the response status is 200
    And the response is a list of 0 items

  Scenario: attributes and search combine
    Given the customers:
      | customer_id | first_name | attributes                  |
      | k-1         | Kari       | {"loyalty_level": "gold"}   |
      | k-2         | Karl       | {"loyalty_level": "silver"} |
      | o-1         | Ola        | {"loyalty_level": "gold"}   |
    When I GET "/customers/users?search=kar&attributes_keys=loyalty_level&attributes_values=gold"
    Then the response status is 200
    And the "customer_id" of the response items are "k-1"

  # --- Accounts and scopes ----------------------------------------------------------

  Scenario: Customers of one account are never listed for another
    Given the customers:
      | customer_id | first_name | email            |
      | mine-1      | Kari       | kari@example.com |
      | mine-2      | Ola        | ola@example.com  |
    And I am authenticated as "admin-client" on the other account
    When I GET "/v1/accounts/{other_aid}/customers/users?total=true"
    Then the response status is 200
    And the response is a list of 0 items
    And the response header "total-count" is "0"
    When I GET "/v1/accounts/{other_aid}/customers/users?search=kari"
    Then the response status is 200
    And the response is a list of 0 items
    When I GET "/v1/accounts/{other_aid}/customers/users?email=ola"
    Then the response status is 200
    And the response is a list of 0 items

  Scenario: A customer_id of another account is an unknown cursor
    Given the customers:
      | customer_id |
      | mine-1      |
    And I am authenticated as "admin-client" on the other account
    When I GET "/v1/accounts/{other_aid}/customers/users?starting_after=mine-1"
    Then the response status is 400
    And the error message contains "starting_after"

  Scenario: A read-only client may list customers
    Given the customers:
      | customer_id | first_name |
      | c-1         | One        |
    And I am authenticated as "read-client"
    When I GET "/customers/users"
    Then the response status is 200
    And the "customer_id" of the response items are "c-1"

  Scenario Outline: A client without admin:customers or read:customers may not list (<client>)
    Given I am authenticated as "<client>"
    When I GET "/customers/users"
    Then the response status is 403
    And the error code is "FORBIDDEN"
    And the error message is "Forbidden: the token lacks a scope this operation needs"

    Examples:
      | client          |
      | public-client   |
      | write-client    |
      | create-client   |
      | accounts-client |
