@remove
Feature: Removing an account or a partner
  A suite that loads accounts or partners of its own into a shared sandbox
  removes them when it is done. DELETE /_sandbox/accounts/{aid} removes a
  Dintero account and DELETE /_sandbox/partners/{id} a Tradevest partner,
  with everything in them (clients, customers, entities), from the state and
  from the reset baseline: a later reset does not bring them back. Both
  answer 204 with no body; an id that no account or partner has is a 404 in
  the control plane's error shape. No other account or partner changes.

  Scenario: Removing an account takes it and its data out of the sandbox
    Given the fixture:
      """
      dintero:
        accounts:
          {new_aid}:
            clients:
              - {client_id: app, client_secret: app-secret, scopes: [admin:customers]}
            customers:
              - {customer_id: gone-1, email: gone@example.com}
      """
    And I am authenticated as "app" with secret "app-secret" on account "{new_aid}"
    When I GET "/v1/accounts/{new_aid}/customers/users/gone-1"
    Then the response status is 200
    When I DELETE "/_sandbox/accounts/{new_aid}"
    Then the response status is 204
    And the response body is empty
    When I GET "/v1/accounts/{new_aid}/customers/users/gone-1"
    Then the response status is 404
    And the response field "error.message" is "Account {new_aid} not found"
    When I POST "/v1/accounts/{new_aid}/auth/token" with body:
      """
      {"grant_type": "client_credentials", "audience": "https://api.dintero.com/v1/accounts/{new_aid}", "client_id": "app", "client_secret": "app-secret"}
      """
    Then the response status is 401
    When I POST "/_sandbox/reset?account={new_aid}"
    Then the response status is 404
    When I GET "/_sandbox/state"
    Then the YAML response has no field "dintero.accounts.{new_aid}"

  Scenario: Removing an account leaves the other accounts as they are
    Given the customers:
      | customer_id | email              |
      | stays-1     | stays@example.com  |
    When I DELETE "/_sandbox/accounts/{other_aid}"
    Then the response status is 204
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/stays-1"
    Then the response status is 200
    And the response field "email" is "stays@example.com"

  Scenario: Removing an account twice: the second time it is unknown
    When I DELETE "/_sandbox/accounts/{other_aid}"
    Then the response status is 204
    When I DELETE "/_sandbox/accounts/{other_aid}"
    Then the response status is 404
    And the response field "error.message" is "no account {other_aid}"

  Scenario: An account id that no account has is a 404
    When I DELETE "/_sandbox/accounts/{new_aid}"
    Then the response status is 404
    And the response has the field "error.code"
    And the response field "error.message" is "no account {new_aid}"

  Scenario: Removing a partner takes it, its clients and its data out of the sandbox
    Given I am authenticated with Tradevest as "{tv_client}" with secret "{tv_secret}"
    And I keep the access token as "partner"
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 200
    When I DELETE "/_sandbox/partners/{partner}"
    Then the response status is 204
    And the response body is empty
    When I GET "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 401
    When I POST "/oauth2/token" with content type "application/x-www-form-urlencoded" and body:
      """
      grant_type=client_credentials&client_id={tv_client}&client_secret={tv_secret}
      """
    Then the response status is 401
    And the response field "error" is "invalid_client"
    When I POST "/_sandbox/reset?partner={partner}"
    Then the response status is 404
    When I GET "/_sandbox/state"
    Then the YAML response has no field "tradevest.partners.{partner}"
    And the YAML response has the field "tradevest.partners.{other_partner}"

  Scenario: Removing a partner leaves the other partners as they are
    When I DELETE "/_sandbox/partners/{partner}"
    Then the response status is 204
    Given I am authenticated with Tradevest as "{other_tv_client}" with secret "{other_tv_secret}"
    When I GET "/entities/natural-persons?limit=10"
    Then the response status is 200
    And the "firstName" of the items in "data" are "Anna"

  Scenario: A partner id that no partner has is a 404
    When I DELETE "/_sandbox/partners/no-such-partner-{new_aid}"
    Then the response status is 404
    And the response has the field "error.code"
    And the response field "error.message" is "no partner no-such-partner-{new_aid}"

  @in-process
  Scenario: A removed default account stays removed after a full reset
    When I DELETE "/_sandbox/accounts/T87654321"
    Then the response status is 204
    When I POST "/_sandbox/reset"
    Then the response status is 200
    When I GET "/_sandbox/state"
    Then the YAML response has no field "dintero.accounts.T87654321"
    And the YAML response has the field "dintero.accounts.T12345678"

  @in-process
  Scenario: A removed default partner stays removed after a full reset
    When I DELETE "/_sandbox/partners/other"
    Then the response status is 204
    When I POST "/_sandbox/reset"
    Then the response status is 200
    When I GET "/_sandbox/state"
    Then the YAML response has no field "tradevest.partners.other"
    And the YAML response has the field "tradevest.partners.sandbox"

  @in-process
  Scenario: With an admin token, removing needs it
    Given the sandbox requires the admin token "s3cret"
    When I DELETE "/_sandbox/accounts/{other_aid}"
    Then the response status is 401
    When I send the Authorization header "Bearer s3cret"
    And I DELETE "/_sandbox/accounts/{other_aid}"
    Then the response status is 204
